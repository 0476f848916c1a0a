using Scalearn.Data;

namespace Scalearn.Metrics;

/// <summary>Classification metrics with scikit-learn 1.2.1 semantics (labels are doubles).</summary>
public static class ClassificationMetrics
{
    /// <summary>scikit-learn's default log_loss eps for float64 probabilities (np.finfo(float64).eps).</summary>
    public const double Float64Eps = 2.220446049250313e-16;

    public static double Accuracy(IReadOnlyList<double> yTrue, IReadOnlyList<double> yPred)
    {
        TargetTypes.CheckClassificationTargets(yTrue, yPred);
        int correct = 0;
        for (int i = 0; i < yTrue.Count; i++) if (yTrue[i] == yPred[i]) correct++;
        return (double)correct / yTrue.Count;
    }

    /// <summary>Mean recall over the classes present in <paramref name="yTrue"/>.</summary>
    public static double BalancedAccuracy(IReadOnlyList<double> yTrue, IReadOnlyList<double> yPred)
    {
        TargetTypes.CheckClassificationTargets(yTrue, yPred);
        var support = new SortedDictionary<double, (int Total, int Correct)>();
        for (int i = 0; i < yTrue.Count; i++)
        {
            support.TryGetValue(yTrue[i], out var s);
            support[yTrue[i]] = (s.Total + 1, s.Correct + (yTrue[i] == yPred[i] ? 1 : 0));
        }
        return support.Values.Average(s => (double)s.Correct / s.Total);
    }

    /// <summary>Unweighted mean of per-class F1 over the union of true and predicted labels (zero_division = 0).</summary>
    public static double F1Macro(IReadOnlyList<double> yTrue, IReadOnlyList<double> yPred) => F1Score(yTrue, yPred, "macro");

    /// <summary>Per-class F1 weighted by the true support of each class.</summary>
    public static double F1Weighted(IReadOnlyList<double> yTrue, IReadOnlyList<double> yPred) => F1Score(yTrue, yPred, "weighted");

    /// <summary>scikit-learn's precision_score: tp / (tp + fp), averaged as <paramref name="average"/> says (see <see cref="PrecisionRecallFScore"/>).</summary>
    public static double PrecisionScore(IReadOnlyList<double> yTrue, IReadOnlyList<double> yPred, string average = "binary",
        double posLabel = 1, IReadOnlyList<double>? labels = null, double zeroDivision = 0) =>
        PrecisionRecallFScore.Averaged(yTrue, yPred, average, 1, labels, posLabel, zeroDivision).Precision;

    /// <summary>scikit-learn's recall_score: tp / (tp + fn).</summary>
    public static double RecallScore(IReadOnlyList<double> yTrue, IReadOnlyList<double> yPred, string average = "binary",
        double posLabel = 1, IReadOnlyList<double>? labels = null, double zeroDivision = 0) =>
        PrecisionRecallFScore.Averaged(yTrue, yPred, average, 1, labels, posLabel, zeroDivision).Recall;

    /// <summary>scikit-learn's f1_score: the harmonic mean of precision and recall.</summary>
    public static double F1Score(IReadOnlyList<double> yTrue, IReadOnlyList<double> yPred, string average = "binary",
        double posLabel = 1, IReadOnlyList<double>? labels = null, double zeroDivision = 0) =>
        PrecisionRecallFScore.Averaged(yTrue, yPred, average, 1, labels, posLabel, zeroDivision).FScore;

    /// <summary>scikit-learn's fbeta_score: recall weighs <paramref name="beta"/> times as much as precision.</summary>
    public static double FBetaScore(IReadOnlyList<double> yTrue, IReadOnlyList<double> yPred, double beta, string average = "binary",
        double posLabel = 1, IReadOnlyList<double>? labels = null, double zeroDivision = 0) =>
        PrecisionRecallFScore.Averaged(yTrue, yPred, average, beta, labels, posLabel, zeroDivision).FScore;

    /// <summary>
    /// Cross-entropy of <paramref name="proba"/> (columns ordered as <paramref name="classes"/>), clipped to
    /// [eps, 1 - eps] and renormalized per row, as scikit-learn's log_loss.
    /// </summary>
    public static double LogLoss(IReadOnlyList<double> yTrue, Matrix proba, IReadOnlyList<double> classes, double eps = Float64Eps)
    {
        if (proba.Rows != yTrue.Count) throw new ArgumentException($"y_true has {yTrue.Count} values but the probabilities have {proba.Rows} rows.");
        if (proba.Cols != classes.Count) throw new ArgumentException($"The probabilities have {proba.Cols} columns for {classes.Count} classes.");
        if (yTrue.Count == 0) throw new ArgumentException("log_loss needs at least one sample.");
        double total = 0;
        for (int i = 0; i < yTrue.Count; i++)
        {
            int k = IndexOfClass(classes, yTrue[i]);
            var row = proba.Row(i);
            double sum = 0, own = 0;
            for (int j = 0; j < row.Length; j++)
            {
                double p = Math.Clamp(row[j], eps, 1 - eps);
                sum += p;
                if (j == k) own = p;
            }
            total -= Math.Log(own / sum);
        }
        return total / yTrue.Count;
    }

    internal static int IndexOfClass(IReadOnlyList<double> classes, double label)
    {
        for (int j = 0; j < classes.Count; j++) if (classes[j] == label) return j;
        throw new ArgumentException($"y_true contains label {label.ToString(System.Globalization.CultureInfo.InvariantCulture)}, which is not one of the model's classes.");
    }

    internal static void CheckLengths(IReadOnlyList<double> yTrue, IReadOnlyList<double> yPred)
    {
        if (yTrue.Count != yPred.Count) throw new ArgumentException($"y_true has {yTrue.Count} values but y_pred has {yPred.Count}.");
        if (yTrue.Count == 0) throw new ArgumentException("Metrics need at least one sample.");
    }
}
