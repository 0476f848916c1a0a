using Scalearn.Data;
using Scalearn.Preprocessing;

namespace Scalearn.Pipelines;

/// <summary>Resolves column names against a dataset and copies the selected columns of a view into a new dataset.</summary>
internal static class ColumnSelection
{
    /// <summary>Numeric feature indices and text column names for the given names; unknown names are an error listing the columns.</summary>
    public static (int[] Numeric, string[] Text) Resolve(Dataset data, IReadOnlyList<string> columns, string owner)
    {
        var numeric = new List<int>();
        var text = new List<string>();
        foreach (var column in columns)
        {
            int index = IndexOf(data.FeatureNames, column);
            if (index >= 0) numeric.Add(index);
            else if (data.TextColumns.ContainsKey(column)) text.Add(column);
            else
                throw new ArgumentException($"{owner}: the data has no column '{column}'; numeric features: {string.Join(", ", data.FeatureNames)}; " +
                    $"text columns: {(data.TextColumns.Count == 0 ? "(none)" : string.Join(", ", data.TextColumns.Keys))}.");
        }
        return (numeric.ToArray(), text.ToArray());
    }

    public static Dataset Select(DataView view, int[] numeric, IReadOnlyList<string> text)
    {
        var x = new Matrix(view.Count, numeric.Length);
        for (int i = 0; i < view.Count; i++)
        {
            var row = view.Row(i);
            var output = x.Row(i);
            for (int k = 0; k < numeric.Length; k++) output[k] = row[numeric[k]];
        }
        var textColumns = new Dictionary<string, string[]>();
        foreach (var name in text)
        {
            if (!view.Source.TextColumns.TryGetValue(name, out var values))
                throw new ArgumentException($"ColumnTransformer: the input has no text column '{name}' (it was present during fit).");
            textColumns[name] = view.TextRows(values);
        }
        return view.Derive(x, numeric.Select(j => view.Source.FeatureNames[j]).ToArray(), textColumns);
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int j = 0; j < names.Count; j++) if (names[j] == name) return j;
        return -1;
    }
}
