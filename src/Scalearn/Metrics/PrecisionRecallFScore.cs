using Scalearn.Estimators;

namespace Scalearn.Metrics;

/// <summary>Per-class scores of <see cref="PrecisionRecallFScore.PerClass"/>, in the order of <see cref="Labels"/>.</summary>
public sealed record ClassScores(IReadOnlyList<double> Labels, double[] Precision, double[] Recall, double[] FScore, int[] Support);

/// <summary>
/// scikit-learn's precision_recall_fscore_support: per class, or averaged "binary" (the <c>pos_label</c> class only),
/// "micro" (global counts), "macro" (unweighted mean over classes) or "weighted" (mean weighted by true support).
/// A ratio whose denominator is zero takes <c>zero_division</c> (0 or 1; scikit-learn's "warn" behaves as 0).
/// </summary>
public static class PrecisionRecallFScore
{
    public static readonly IReadOnlyList<string> Averages = ["binary", "micro", "macro", "weighted"];

    /// <summary>Scores of every label in <paramref name="labels"/> (default: the sorted union of true and predicted labels).</summary>
    public static ClassScores PerClass(IReadOnlyList<double> yTrue, IReadOnlyList<double> yPred, double beta = 1,
        IReadOnlyList<double>? labels = null, double zeroDivision = 0)
    {
        CheckArguments(beta, zeroDivision, labels);
        TargetTypes.CheckClassificationTargets(yTrue, yPred);
        var order = labels?.ToArray() ?? TargetTypes.UniqueLabels(yTrue, yPred);
        var counts = Count(yTrue, yPred, order);
        var (precision, recall, f) = Divide(counts, beta, zeroDivision);
        return new ClassScores(order, precision, recall, f, counts.True.Select(t => (int)t).ToArray());
    }

    /// <summary>Averaged precision, recall and F-beta (see the class summary for <paramref name="average"/>).</summary>
    public static (double Precision, double Recall, double FScore) Averaged(IReadOnlyList<double> yTrue, IReadOnlyList<double> yPred,
        string average, double beta = 1, IReadOnlyList<double>? labels = null, double posLabel = 1, double zeroDivision = 0)
    {
        CheckArguments(beta, zeroDivision, labels);
        if (!Averages.Contains(average))
            throw new ParameterException("average", $"Parameter 'average' must be one of {string.Join(", ", Averages.Select(a => $"'{a}'"))}; got '{average}'.");
        var type = TargetTypes.CheckClassificationTargets(yTrue, yPred);
        double[] order;
        if (average == "binary")
        {
            if (type != TargetType.Binary)
                throw new ArgumentException("Target is multiclass but average='binary'. Please choose another average setting, one of [None, 'micro', 'macro', 'weighted'].");
            var present = TargetTypes.UniqueLabels(yTrue, yPred);
            if (!present.Contains(posLabel) && present.Length >= 2)
                throw new ParameterException("pos_label", $"pos_label={LabelText.Of(posLabel)} is not a valid label. It should be one of {LabelText.List(present)}");
            order = [posLabel];
        }
        else order = labels?.ToArray() ?? TargetTypes.UniqueLabels(yTrue, yPred);

        var counts = Count(yTrue, yPred, order);
        if (average == "micro") counts = new Counts([counts.Tp.Sum()], [counts.Pred.Sum()], [counts.True.Sum()]);
        if (average == "weighted" && counts.True.Sum() == 0)
            return counts.Pred.Sum() == 0 ? (zeroDivision, zeroDivision, zeroDivision) : (0.0, zeroDivision, 0.0);
        var (precision, recall, f) = Divide(counts, beta, zeroDivision);
        double[]? weights = average == "weighted" ? counts.True : null;
        return (Mean(precision, weights), Mean(recall, weights), Mean(f, weights));
    }

    private sealed record Counts(double[] Tp, double[] Pred, double[] True);

    private static Counts Count(IReadOnlyList<double> yTrue, IReadOnlyList<double> yPred, double[] labels)
    {
        var index = ConfusionMatrix.LabelIndex(labels);
        var tp = new double[labels.Length];
        var pred = new double[labels.Length];
        var truth = new double[labels.Length];
        for (int s = 0; s < yTrue.Count; s++)
        {
            bool knownTrue = index.TryGetValue(yTrue[s], out int t);
            bool knownPred = index.TryGetValue(yPred[s], out int p);
            if (knownTrue) truth[t]++;
            if (knownPred) pred[p]++;
            if (knownTrue && yTrue[s] == yPred[s]) tp[t]++;
        }
        // A label listed twice gets the counts of its first position.
        for (int k = 0; k < labels.Length; k++)
        {
            int first = index[labels[k]];
            if (first != k) (tp[k], pred[k], truth[k]) = (tp[first], pred[first], truth[first]);
        }
        return new Counts(tp, pred, truth);
    }

    private static (double[] Precision, double[] Recall, double[] F) Divide(Counts c, double beta, double zeroDivision)
    {
        int n = c.Tp.Length;
        var precision = new double[n];
        var recall = new double[n];
        var f = new double[n];
        double beta2 = beta * beta;
        for (int k = 0; k < n; k++)
        {
            precision[k] = c.Pred[k] == 0 ? zeroDivision : c.Tp[k] / c.Pred[k];
            recall[k] = c.True[k] == 0 ? zeroDivision : c.Tp[k] / c.True[k];
            if (double.IsPositiveInfinity(beta)) f[k] = recall[k];
            else
            {
                double denominator = beta2 * precision[k] + recall[k];
                f[k] = (1 + beta2) * precision[k] * recall[k] / (denominator == 0 ? 1 : denominator);
            }
        }
        return (precision, recall, f);
    }

    private static double Mean(double[] values, double[]? weights)
    {
        if (weights is null) return values.Average();
        double sum = 0, total = 0;
        for (int k = 0; k < values.Length; k++) { sum += values[k] * weights[k]; total += weights[k]; }
        return sum / total;
    }

    private static void CheckArguments(double beta, double zeroDivision, IReadOnlyList<double>? labels)
    {
        if (labels is { Count: 0 }) throw new ParameterException("labels", "'labels' should contains at least one label.");
        if (zeroDivision is not (0 or 1))
            throw new ParameterException("zero_division", $"Got zero_division={zeroDivision}. Must be one of [0, 1] (\"warn\" behaves as 0).");
        if (!(beta >= 0)) throw new ParameterException("beta", "beta should be >=0 in the F-beta score");
    }
}
