namespace Scalearn.ModelSelection;

/// <summary>Searches in rungs report the best candidate of the highest rung reached (scikit-learn's halving _select_best_index).</summary>
internal static class LastRung
{
    public static int Best(CvResults results)
    {
        var iters = results.Numbers("iter");
        var means = results.Numbers($"mean_test_{results.ScoreSuffixes[0]}");
        double last = iters.Max();
        int best = -1;
        for (int i = 0; i < results.Count; i++)
            if (iters[i] == last && !double.IsNaN(means[i]) && (best < 0 || means[i] > means[best])) best = i;
        return best >= 0 ? best : Array.IndexOf(iters, last);
    }
}
