using Scalearn.Data;

namespace Scalearn.ModelSelection;

/// <summary>
/// Per-row values that steer splitting but are not features: the group of each row (for <see cref="GroupKFold"/>)
/// and its time (for <see cref="TimeColumnSplit"/>).
/// </summary>
public sealed record SplitColumns
{
    public GroupLabels? Groups { get; init; }
    public TimeValues? Time { get; init; }

    public static SplitColumns None { get; } = new();

    /// <summary>
    /// Takes the named columns out of <paramref name="data"/> (from its numeric features or its kept text columns,
    /// see <see cref="CsvOptions.KeepTextColumns"/>) so that they are used for splitting and never as features.
    /// A time column holds numbers or ISO 8601 dates/times.
    /// </summary>
    public static (Dataset Features, SplitColumns Columns) Extract(Dataset data, string? groupColumn = null, string? timeColumn = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (groupColumn is not null && groupColumn == timeColumn)
            throw new ArgumentException($"Column '{groupColumn}' cannot be both the groups and the time column.");
        var columns = new SplitColumns();
        var drop = new List<string>();
        if (groupColumn is not null)
        {
            columns = columns with
            {
                Groups = Numeric(data, groupColumn) is { } numbers ? GroupLabels.Of(numbers)
                    : Text(data, groupColumn) is { } text ? GroupLabels.Of(text) : throw Missing(data, groupColumn, "groups"),
            };
            drop.Add(groupColumn);
        }
        if (timeColumn is not null)
        {
            columns = columns with
            {
                Time = Numeric(data, timeColumn) is { } numbers ? TimeValues.Numeric(timeColumn, numbers)
                    : Text(data, timeColumn) is { } text ? TimeValues.Parse(timeColumn, text, data.Name) : throw Missing(data, timeColumn, "time"),
            };
            drop.Add(timeColumn);
        }
        return (drop.Count == 0 ? data : Without(data, drop), columns);
    }

    private static double[]? Numeric(Dataset data, string column)
    {
        int c = data.FeatureNames.ToList().IndexOf(column);
        if (c < 0) return null;
        var values = new double[data.Count];
        for (int i = 0; i < values.Length; i++) values[i] = data.X[i, c];
        return values;
    }

    private static string[]? Text(Dataset data, string column) => data.TextColumns.TryGetValue(column, out var v) ? v : null;

    private static ArgumentException Missing(Dataset data, string column, string role) =>
        new($"The {role} column '{column}' is not in dataset '{data.Name ?? "(unnamed)"}' (the target cannot be used); columns: {string.Join(", ", data.FeatureNames.Concat(data.TextColumns.Keys))}.");

    private static Dataset Without(Dataset data, List<string> drop)
    {
        var keep = Enumerable.Range(0, data.FeatureCount).Where(c => !drop.Contains(data.FeatureNames[c])).ToArray();
        var x = new Matrix(data.Count, keep.Length);
        for (int i = 0; i < data.Count; i++)
        {
            var from = data.X.Row(i);
            var to = x.Row(i);
            for (int j = 0; j < keep.Length; j++) to[j] = from[keep[j]];
        }
        var text = data.TextColumns.Where(kv => !drop.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
        return data.All.Derive(x, keep.Select(c => data.FeatureNames[c]).ToArray(), text);
    }
}
