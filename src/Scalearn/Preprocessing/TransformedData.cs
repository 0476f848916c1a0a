using Scalearn.Data;

namespace Scalearn.Preprocessing;

/// <summary>Builds a transformer's output: new features for the view's rows, with the view's targets and text columns.</summary>
internal static class TransformedData
{
    public static Dataset Create(DataView source, Matrix x, IReadOnlyList<string> featureNames, bool keepTextColumns = true)
    {
        var text = keepTextColumns ? TextColumnsOf(source) : new Dictionary<string, string[]>();
        return new Dataset(x, source.HasTarget ? source.Targets() : null, featureNames, source.Source.TargetName, source.Source.Name, text);
    }

    /// <summary>The view's rows of every text column (the arrays themselves when the view covers all rows).</summary>
    public static Dictionary<string, string[]> TextColumnsOf(DataView source)
    {
        var result = new Dictionary<string, string[]>();
        foreach (var (name, values) in source.Source.TextColumns) result[name] = TextRows(source, values);
        return result;
    }

    public static string[] TextRows(DataView source, string[] values)
    {
        if (source.Indices is null) return values;
        var rows = new string[source.Count];
        for (int i = 0; i < rows.Length; i++) rows[i] = values[source.SourceRow(i)];
        return rows;
    }

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
