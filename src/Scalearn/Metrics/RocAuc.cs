using Scalearn.Data;

namespace Scalearn.Metrics;

/// <summary>Area under the ROC curve (ties count one half, which equals scikit-learn's trapezoidal roc_auc_score).</summary>
public static class RocAuc
{
    /// <summary>Binary AUC: <paramref name="positive"/> marks the positive samples, higher scores mean more positive.</summary>
    public static double Binary(IReadOnlyList<bool> positive, IReadOnlyList<double> scores)
    {
        if (positive.Count != scores.Count) throw new ArgumentException($"y_true has {positive.Count} values but y_score has {scores.Count}.");
        int n = scores.Count;
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (a, b) => scores[a].CompareTo(scores[b]));
        // Mann-Whitney U with average ranks for tied scores.
        double rankSumPositive = 0;
        long positives = 0;
        for (int start = 0; start < n;)
        {
            int end = start;
            while (end + 1 < n && scores[order[end + 1]] == scores[order[start]]) end++;
            double averageRank = (start + end) / 2.0 + 1;
            for (int i = start; i <= end; i++)
                if (positive[order[i]]) { rankSumPositive += averageRank; positives++; }
            start = end + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0)
            throw new ArgumentException("Only one class present in y_true. ROC AUC score is not defined in that case.");
        return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>Binary AUC where <paramref name="positiveScores"/> scores the larger of the two classes.</summary>
    public static double Binary(IReadOnlyList<double> yTrue, IReadOnlyList<double> positiveScores, double positiveClass) =>
        Binary(yTrue.Select(y => y == positiveClass).ToArray(), positiveScores);

    /// <summary>
    /// One-vs-rest macro AUC over the columns of <paramref name="scores"/> (ordered as <paramref name="classes"/>).
    /// Like scikit-learn, every class must occur in <paramref name="yTrue"/>.
    /// </summary>
    public static double OneVsRestMacro(IReadOnlyList<double> yTrue, Matrix scores, IReadOnlyList<double> classes)
    {
        if (scores.Rows != yTrue.Count) throw new ArgumentException($"y_true has {yTrue.Count} values but y_score has {scores.Rows} rows.");
        if (scores.Cols != classes.Count) throw new ArgumentException($"y_score has {scores.Cols} columns for {classes.Count} classes.");
        var present = yTrue.Distinct().Count();
        if (present != classes.Count)
            throw new ArgumentException($"Number of classes in y_true ({present}) not equal to the number of columns in y_score ({classes.Count}).");
        foreach (var y in yTrue) ClassificationMetrics.IndexOfClass(classes, y);
        double total = 0;
        for (int k = 0; k < classes.Count; k++)
            total += Binary(yTrue.Select(y => y == classes[k]).ToArray(), scores.Column(k));
        return total / classes.Count;
    }

    /// <summary>Binary AUC when there are two columns/classes, one-vs-rest macro otherwise.</summary>
    public static double Score(IReadOnlyList<double> yTrue, Matrix scores, IReadOnlyList<double> classes)
    {
        if (classes.Count == 2)
        {
            var positive = scores.Cols == 1 ? scores.Column(0) : scores.Column(1);
            return Binary(yTrue, positive, classes[1]);
        }
        return OneVsRestMacro(yTrue, scores, classes);
    }
}
