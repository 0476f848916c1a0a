namespace Scalearn.ModelSelection.Halving;

/// <summary>
/// The rungs of a successive-halving search, as scikit-learn 1.2 computes them: how many iterations, and the resources
/// of each (factor^power x min_resources, capped at max_resources).
/// </summary>
public sealed record HalvingSchedule(IReadOnlyList<long> Resources, long MinResources, long MaxResources, int RequiredIterations, int PossibleIterations)
{
    public int Iterations => Resources.Count;

    public static HalvingSchedule Compute(int candidates, int factor, long minResources, long maxResources, bool exhaust, bool aggressiveElimination)
    {
        if (candidates < 1) throw new ArgumentException("Successive halving needs at least one candidate.");
        int required = 1 + FloorLog(candidates, factor);
        if (exhaust) minResources = Math.Max(minResources, maxResources / Pow(factor, required - 1));
        if (minResources > maxResources)
            throw new ArgumentException($"min_resources_={minResources} is greater than max_resources_={maxResources}.");
        int possible = 1 + FloorLog(maxResources / minResources, factor);
        int iterations = aggressiveElimination ? required : Math.Min(possible, required);
        var resources = new long[iterations];
        for (int itr = 0; itr < iterations; itr++)
        {
            int power = aggressiveElimination ? Math.Max(0, itr - required + possible) : itr;
            resources[itr] = Math.Min(checked(Pow(factor, power) * minResources), maxResources);
        }
        return new HalvingSchedule(resources, minResources, maxResources, required, possible);
    }

    /// <summary>
    /// floor(log(n, factor)) in floating point, exactly as scikit-learn computes it: at some exact powers (243 = 3^5)
    /// rounding gives one less, and matching scikit-learn's rungs matters more here than the mathematically exact value.
    /// </summary>
    private static int FloorLog(long n, int factor) => (int)Math.Floor(Math.Log(n) / Math.Log(factor));

    private static long Pow(int factor, int power)
    {
        long result = 1;
        for (int i = 0; i < power; i++) result = checked(result * factor);
        return result;
    }
}
