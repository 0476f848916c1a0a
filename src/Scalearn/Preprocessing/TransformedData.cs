using Scalearn.Data;

namespace Scalearn.Preprocessing;

/// <summary>Builds a transformer's output: new features for the view's rows, with the view's targets and text columns.</summary>
internal static class TransformedData
{
    public static Dataset Create(DataView source, Matrix x, IReadOnlyList<string> featureNames, bool keepTextColumns = true) =>
        source.Derive(x, featureNames, keepTextColumns ? source.TextRows() : null);

    /// <summary>Rejects infinities (NaN is allowed: the scalers ignore it when fitting and keep it when transforming).</summary>
    public static void RequireNoInfinity(DataView x, string model)
    {
        for (int i = 0; i < x.Count; i++)
        {
            var row = x.Row(i);
            for (int j = 0; j < row.Length; j++)
                if (double.IsInfinity(row[j]))
                    throw new ArgumentException($"{model}: input contains infinity at row {i}, column {j} ('{x.Source.FeatureNames[j]}').");
        }
    }
}
