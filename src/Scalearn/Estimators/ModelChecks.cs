using Scalearn.Data;

namespace Scalearn.Estimators;

public static class ModelChecks
{
    /// <summary>
    /// Refuses data with no feature column left (every one dropped), as scikit-learn's check_array does, rather than a
    /// model of the target alone: fits and every incremental learner's chunks alike.
    /// </summary>
    public static void HasFeatures(DataView x, string model)
    {
        if (x.FeatureCount == 0 && x.Source.TextColumns.Count == 0)
            throw new ArgumentException($"Found array with 0 feature(s) (shape=({x.Count}, 0)) while a minimum of 1 is required by {model}: " +
                "every feature column was left out.");
    }

    public static void FeatureCount(DataView x, int expected, string model)
    {
        if (x.FeatureCount != expected)
            throw new ArgumentException($"X has {x.FeatureCount} features, but {model} was fitted with {expected} features.");
    }

    public static void AllFinite(DataView x, string model)
    {
        for (int i = 0; i < x.Count; i++)
        {
            var row = x.Row(i);
            for (int j = 0; j < row.Length; j++)
                if (!double.IsFinite(row[j]))
                {
                    string value = double.IsNaN(row[j]) ? "NaN" : "infinity", feature = x.Source.FeatureNames[j];
                    int column = j;
                    throw DataRowError.Create(i, at => $"{model}: input contains {value} at {at}, column {column} ('{feature}'); " +
                        $"{model} does not accept missing or infinite values: impute them (SimpleImputer in a pipeline) or drop those rows.");
                }
        }
    }

    /// <summary>
    /// After a prediction computed without looking at the input (a linear decision, a log likelihood): a NaN or infinite
    /// input always makes its row's output non-finite, so the input is scanned (and the bad cell named) only then.
    /// </summary>
    internal static void FiniteInputBehind(ReadOnlySpan<double> output, DataView x, string model)
    {
        if (!Linear.FiniteCheck.AllFinite(output)) AllFinite(x, model);
    }

    public static void FiniteTarget(DataView data, string model)
    {
        for (int i = 0; i < data.Count; i++)
            if (!double.IsFinite(data.Target(i)))
                throw new ArgumentException($"{model}: target contains {(double.IsNaN(data.Target(i)) ? "NaN" : "infinity")} at row {i}.");
    }
}
