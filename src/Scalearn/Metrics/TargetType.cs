namespace Scalearn.Metrics;

/// <summary>
/// What a one-dimensional target holds, as scikit-learn's <c>type_of_target</c> names it: <see cref="Binary"/> (at most
/// two distinct whole numbers), <see cref="Multiclass"/> (more than two distinct whole numbers) or
/// <see cref="Continuous"/> (any value with a fractional part).
/// </summary>
public enum TargetType
{
    Binary,
    Multiclass,
    Continuous,
}

/// <summary>scikit-learn's <c>type_of_target</c> for the one-dimensional targets a <see cref="Data.Dataset"/> holds.</summary>
public static class TargetTypes
{
    /// <summary>
    /// Continuous when any value has a fractional part (and then every value must be finite), else binary for at most
    /// two distinct values, else multiclass. Like scikit-learn, integral values are labels even when there are many
    /// (diabetes' target is "multiclass"): only the estimator decides whether a search classifies or regresses.
    /// </summary>
    public static TargetType TypeOfTarget(IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(y);
        bool continuous = false;
        for (int i = 0; i < y.Count; i++)
            if (y[i] != Math.Floor(y[i]) || !double.IsFinite(y[i])) { continuous = true; break; }
        if (continuous)
        {
            for (int i = 0; i < y.Count; i++)
                if (!double.IsFinite(y[i]))
                    throw new ArgumentException($"The target contains {(double.IsNaN(y[i]) ? "NaN" : "infinity")} (row {i}); remove or impute those rows first.");
            return TargetType.Continuous;
        }
        double first = y.Count > 0 ? y[0] : 0;
        double? second = null;
        for (int i = 1; i < y.Count; i++)
        {
            if (y[i] == first || y[i] == second) continue;
            if (second is not null) return TargetType.Multiclass;
            second = y[i];
        }
        return TargetType.Binary;
    }

    /// <summary>scikit-learn's spelling: "binary", "multiclass" or "continuous".</summary>
    public static string Name(this TargetType type) => type switch
    {
        TargetType.Binary => "binary",
        TargetType.Multiclass => "multiclass",
        _ => "continuous",
    };

    /// <summary>The label set of the targets, sorted (scikit-learn's unique_labels).</summary>
    public static double[] UniqueLabels(IReadOnlyList<double> yTrue, IReadOnlyList<double> yPred)
    {
        var set = new HashSet<double>();
        for (int i = 0; i < yTrue.Count; i++) set.Add(yTrue[i]);
        for (int i = 0; i < yPred.Count; i++) set.Add(yPred[i]);
        var labels = set.ToArray();
        Array.Sort(labels);
        return labels;
    }

    /// <summary>
    /// scikit-learn's _check_targets for classification metrics: both arrays must hold class labels of compatible kinds;
    /// returns binary or multiclass (binary becomes multiclass when the two arrays together hold more than two labels).
    /// </summary>
    internal static TargetType CheckClassificationTargets(IReadOnlyList<double> yTrue, IReadOnlyList<double> yPred)
    {
        ClassificationMetrics.CheckLengths(yTrue, yPred);
        var typeTrue = TypeOfTarget(yTrue);
        var typePred = TypeOfTarget(yPred);
        if (typeTrue != typePred && (typeTrue == TargetType.Continuous || typePred == TargetType.Continuous))
            throw new ArgumentException($"Classification metrics can't handle a mix of {typeTrue.Name()} and {typePred.Name()} targets");
        if (typeTrue == TargetType.Continuous)
            throw new ArgumentException("continuous is not supported");
        if (typeTrue == TargetType.Binary && typePred == TargetType.Binary && UniqueLabels(yTrue, yPred).Length <= 2) return TargetType.Binary;
        return TargetType.Multiclass;
    }
}
