using System.Text.Json;
using Scalearn.Estimators;
using Scalearn.Numerics;

namespace Scalearn.ModelSelection;

/// <summary>
/// Parameter distributions for <see cref="RandomizedSearch"/> (scikit-learn's ParameterSampler). When every
/// distribution is a list, candidates are drawn from the grid without replacement (at most the grid size).
/// </summary>
public sealed class ParamDistributions
{
    public ParamDistributions(IReadOnlyDictionary<string, ParamDistribution> distributions)
    {
        ArgumentNullException.ThrowIfNull(distributions);
        Distributions = new SortedDictionary<string, ParamDistribution>(distributions.ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, ParamDistribution> Distributions { get; }

    /// <summary>The distributions as JSON in the syntax <see cref="Parse"/> reads (keys sorted).</summary>
    public string ToJson() => RawJson.ToJson(new SortedDictionary<string, object?>(Distributions.ToDictionary(kv => kv.Key, kv => kv.Value.ToRaw()), StringComparer.Ordinal));

    public static ParamDistributions Parse(string json)
    {
        using var doc = ParamJson.Parse(json, "parameter distributions");
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw new FormatException($"Parameter distributions must be a JSON object of parameter name -> distribution; got {root.ValueKind}.");
        return new ParamDistributions(root.EnumerateObject().ToDictionary(p => p.Name, p => ParamDistribution.Parse(p.Name, p.Value)));
    }

    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Sample(int nIter, int seed)
    {
        if (nIter < 1) throw new Estimators.ParameterException("n_iter", $"Parameter 'n_iter' must be an integer >= 1; got {nIter}.");
        var rng = new Rng(seed);
        if (Distributions.Values.All(d => d is ParamDistribution.Choice))
        {
            var grid = new ParamGrid(Distributions.ToDictionary(kv => kv.Key, kv => ((ParamDistribution.Choice)kv.Value).Values));
            long size = grid.Count;
            int count = (int)Math.Min(nIter, size);
            return SampleWithoutReplacement(size, count, rng).Select(i => grid[i]).ToArray();
        }
        var result = new List<IReadOnlyDictionary<string, object?>>(nIter);
        for (int i = 0; i < nIter; i++)
        {
            var candidate = new SortedDictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (name, distribution) in Distributions) candidate[name] = distribution.Sample(rng);
            result.Add(candidate);
        }
        return result;
    }

    private static IEnumerable<long> SampleWithoutReplacement(long population, int count, Rng rng)
    {
        var chosen = new HashSet<long>();
        var order = new List<long>(count);
        // Floyd's algorithm keeps memory at O(count) even for huge grids; then shuffle so order is random too.
        for (long j = population - count; j < population; j++)
        {
            long t = (long)(rng.NextULong() % (ulong)(j + 1));
            long pick = chosen.Add(t) ? t : j;
            if (pick == j) chosen.Add(j);
            order.Add(pick);
        }
        var array = order.ToArray();
        rng.Shuffle(array.AsSpan());
        return array;
    }
}
