namespace Scalearn.ModelSelection.Asha;

/// <summary>Rung resources r x eta^k, k = 0..K with K = floor(log_eta(R / r)), the last capped at R.</summary>
internal static class EpochRungs
{
    public static int[] Of(int minEpochs, int maxEpochs, int eta)
    {
        var rungs = new List<int> { minEpochs };
        while ((long)rungs[^1] * eta <= maxEpochs) rungs.Add(rungs[^1] * eta);
        return [.. rungs];
    }
}
