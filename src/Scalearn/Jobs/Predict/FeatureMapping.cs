using Scalearn.Data;
using Scalearn.Data.Tables;

namespace Scalearn.Jobs;

/// <summary>
/// How a data file's columns become a model's features. When the model file records feature names, the file's
/// columns are matched by name (any order; the rows are reordered to the model's order) and a missing feature or a
/// column that is neither a feature, the target nor a kept column is refused by name; otherwise every column but the
/// target and the kept ones is a feature, in file order, and only their count is checked. The model's text columns
/// (a one-hot encoded pipeline's) are read as strings, empty cells as missing values (the model decides whether it
/// takes them), and a text target is coded with the model's class labels.
/// </summary>
public sealed class FeatureMapping
{
    private readonly int[]? _order;   // model feature j = file feature _order[j]; null = same order

    private FeatureMapping(TableOptions options, int[]? order)
    {
        Options = options;
        _order = order;
    }

    /// <summary>What to read from the file: the target (if any), the kept columns as passthrough, the rest as features.</summary>
    public TableOptions Options { get; }

    public static FeatureMapping Create(string dataPath, IReadOnlyList<string>? modelFeatures, int featureCount, string? target, IReadOnlyList<string> keep,
        IReadOnlyList<string>? textColumns = null, IReadOnlyList<string>? classNames = null, string? modelTarget = null)
    {
        textColumns ??= [];
        var file = TableReader.ReadSchema(dataPath, TableOptions.AllColumns);
        var names = file.Columns.Select(c => c.Name).ToArray();
        var unknown = keep.Where(k => !names.Contains(k)).ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException($"--keep: {dataPath} has no column {string.Join(", ", unknown.Select(u => $"'{u}'"))}; its columns are: {string.Join(", ", names)}.");
        if (target is not null && !names.Contains(target))
            throw new ArgumentException($"--target: {dataPath} has no column '{target}'; its columns are: {string.Join(", ", names)}.");
        var kept = keep.Where(k => k != target).ToHashSet();
        if (modelFeatures is null)
        {
            var options = Read(target, kept.ToArray(), textColumns, classNames);
            int count = names.Count(n => n != target && !kept.Contains(n));
            if (count != featureCount)
                throw new ArgumentException($"The model has {featureCount} features but {dataPath} has {count} feature columns " +
                    $"({string.Join(", ", names.Where(n => n != target && !kept.Contains(n)))}); the model file records no feature names to match them by.");
            return new FeatureMapping(options, null);
        }
        var modelSet = modelFeatures.Concat(textColumns).ToHashSet();
        var missing = modelFeatures.Concat(textColumns).Where(f => !names.Contains(f)).ToArray();
        if (missing.Length > 0)
            throw new ArgumentException($"{dataPath} lacks the model's feature column{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => $"'{m}'"))}.");
        var unexpected = names.Where(n => !modelSet.Contains(n) && n != target && !kept.Contains(n)).ToArray();
        if (modelTarget is not null && unexpected.Contains(modelTarget))
            throw new ArgumentException($"{dataPath} has the model's target column '{modelTarget}': pass --target {modelTarget} to score the predictions " +
                $"against it, or --keep {modelTarget} to copy it to the output.");
        if (unexpected.Length > 0)
            throw new ArgumentException($"{dataPath} has column{(unexpected.Length > 1 ? "s" : "")} {string.Join(", ", unexpected.Select(u => $"'{u}'"))} " +
                $"that the model was not fitted on (its features: {string.Join(", ", modelFeatures.Concat(textColumns))}); name them with --keep to carry them to the output.");
        // Kept columns that are also features stay features; the output takes them from the feature rows.
        var passthrough = kept.Where(k => !modelSet.Contains(k)).ToArray();
        var numeric = modelFeatures.ToHashSet();
        var fileFeatures = names.Where(numeric.Contains).ToList();
        var order = modelFeatures.Select(f => fileFeatures.IndexOf(f)).ToArray();
        bool identity = order.Select((o, j) => o == j).All(b => b);
        return new FeatureMapping(Read(target, passthrough, textColumns, classNames), identity ? null : order);
    }

    private static TableOptions Read(string? target, string[] passthrough, IReadOnlyList<string> textColumns, IReadOnlyList<string>? classNames) => new()
    {
        Target = target, Passthrough = passthrough, TextColumns = textColumns, AllowMissing = textColumns.Count > 0,
        ClassNames = target is not null ? classNames : null,
    };

    /// <summary>The chunk's feature rows in the model's column order.</summary>
    public Matrix Rows(TableChunk chunk)
    {
        var x = chunk.Data.X;
        if (_order is null) return x;
        var result = new Matrix(x.Rows, _order.Length);
        for (int i = 0; i < x.Rows; i++)
        {
            var source = x.Row(i);
            var target = result.Row(i);
            for (int j = 0; j < _order.Length; j++) target[j] = source[_order[j]];
        }
        return result;
    }
}
