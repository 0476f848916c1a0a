namespace Scalearn.ModelSelection;

internal static class Stats
{
    /// <summary>Arithmetic mean summed in index order, so the result does not depend on completion order.</summary>
    public static double Mean(IReadOnlyList<double> values)
    {
        double sum = 0;
        for (int i = 0; i < values.Count; i++) sum += values[i];
        return sum / values.Count;
    }

    /// <summary>Population standard deviation (numpy's default, as cv_results_ uses).</summary>
    public static double Std(IReadOnlyList<double> values)
    {
        double mean = Mean(values), sum = 0;
        for (int i = 0; i < values.Count; i++) sum += (values[i] - mean) * (values[i] - mean);
        return Math.Sqrt(sum / values.Count);
    }

    /// <summary>scikit-learn's ranking: descending scores, ties share the smallest rank ('min'), NaN ranks last.</summary>
    public static int[] RankDescending(IReadOnlyList<double> scores)
    {
        var ranks = new int[scores.Count];
        for (int i = 0; i < scores.Count; i++)
        {
            int better = 0;
            for (int j = 0; j < scores.Count; j++)
                if (Beats(scores[j], scores[i])) better++;
            ranks[i] = better + 1;
        }
        return ranks;
    }

    private static bool Beats(double a, double b) => double.IsNaN(b) ? !double.IsNaN(a) : !double.IsNaN(a) && a > b;
}
