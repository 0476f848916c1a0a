namespace Scalearn.Boosting;

/// <summary>
/// scikit-learn's losses for HistGradientBoosting (sklearn._loss), evaluated on LightGBM's transformed predictions
/// for early stopping with scoring='loss': the weighted mean of the per-row loss, as BaseLoss.__call__ computes it.
/// </summary>
internal enum BoostingLoss
{
    LogLoss,
    SquaredError,
    AbsoluteError,
    Poisson,
    Quantile,
}

internal static class BoostingLosses
{
    private const double Tiny = 1e-300;

    /// <summary>LightGBM's objective for a scikit-learn loss (quantile also needs alpha).</summary>
    public static string Objective(BoostingLoss loss, int classes) => loss switch
    {
        BoostingLoss.LogLoss => classes > 2 ? "multiclass" : "binary",
        BoostingLoss.SquaredError => "regression",
        BoostingLoss.AbsoluteError => "regression_l1",
        BoostingLoss.Poisson => "poisson",
        _ => "quantile",
    };

    /// <summary>
    /// Mean loss of predictions (probabilities for log_loss, class-major for more than two classes; the mean for
    /// poisson; raw values otherwise) against float labels (class indices for log_loss).
    /// </summary>
    public static double Mean(BoostingLoss loss, double[] predictions, float[] labels, float[]? weights, int classes, double quantile)
    {
        int n = labels.Length;
        double total = 0, weightSum = 0;
        for (int i = 0; i < n; i++)
        {
            double y = labels[i];
            double value = loss switch
            {
                BoostingLoss.LogLoss when classes > 2 => -Math.Log(Math.Max(predictions[(int)y * n + i], Tiny)),
                BoostingLoss.LogLoss => -Math.Log(Math.Max(y == 1 ? predictions[i] : 1 - predictions[i], Tiny)),
                BoostingLoss.SquaredError => 0.5 * (y - predictions[i]) * (y - predictions[i]),
                BoostingLoss.AbsoluteError => Math.Abs(y - predictions[i]),
                BoostingLoss.Poisson => predictions[i] - y * Math.Log(Math.Max(predictions[i], Tiny)),
                _ => y >= predictions[i] ? quantile * (y - predictions[i]) : (1 - quantile) * (predictions[i] - y),
            };
            double w = weights?[i] ?? 1.0;
            total += w * value;
            weightSum += w;
        }
        return total / weightSum;
    }

    /// <summary>
    /// The constant prediction a model starts from (scikit-learn's baseline_prediction, LightGBM's boost_from_average),
    /// transformed like <see cref="Mean"/>'s input: one value per output (class probabilities for more than two classes).
    /// </summary>
    public static double[] Baseline(BoostingLoss loss, float[] labels, float[]? weights, int classes, double quantile)
    {
        double weightSum = 0;
        var sums = new double[Math.Max(classes, 2)];
        for (int i = 0; i < labels.Length; i++)
        {
            double w = weights?[i] ?? 1.0;
            weightSum += w;
            if (loss == BoostingLoss.LogLoss) sums[(int)labels[i]] += w;
            else sums[0] += w * labels[i];
        }
        return loss switch
        {
            BoostingLoss.LogLoss when classes > 2 => sums.Select(s => s / weightSum).ToArray(),
            BoostingLoss.LogLoss => [sums[1] / weightSum],
            BoostingLoss.SquaredError or BoostingLoss.Poisson => [sums[0] / weightSum],
            BoostingLoss.AbsoluteError => [WeightedPercentile(labels, weights, 0.5)],
            _ => [WeightedPercentile(labels, weights, quantile)],
        };
    }

    /// <summary>Constant per-output predictions for <paramref name="rows"/> rows, class-major like LightGBM's.</summary>
    public static double[] Repeat(double[] perOutput, int rows)
    {
        var result = new double[perOutput.Length * rows];
        for (int k = 0; k < perOutput.Length; k++) Array.Fill(result, perOutput[k], k * rows, rows);
        return result;
    }

    /// <summary>scikit-learn's _weighted_percentile: the smallest value whose cumulative weight reaches q of the total.</summary>
    private static double WeightedPercentile(float[] values, float[]? weights, double q)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        double total = weights?.Sum(w => (double)w) ?? values.Length;
        double cumulative = 0;
        foreach (int i in order)
        {
            cumulative += weights?[i] ?? 1.0;
            if (cumulative >= q * total) return values[i];
        }
        return values[order[^1]];
    }
}
