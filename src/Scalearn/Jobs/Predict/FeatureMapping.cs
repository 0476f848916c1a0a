using Scalearn.Data;
using Scalearn.Data.Tables;

namespace Scalearn.Jobs;

/// <summary>
/// How a data file's columns become a model's features. When the model file records feature names, the file's
/// columns are matched by name (any order; the rows are reordered to the model's order) and a missing feature or a
/// column that is neither a feature, the target nor a kept column is refused by name; otherwise every column but the
/// target and the kept ones is a feature, in file order, and only their count is checked. The model's text columns
/// (a one-hot encoded pipeline's) are read as strings, missing cells of any feature as missing values (NaN, None): the
/// model decides whether it takes them (an imputing pipeline, gradient boosting) or refuses them naming row and column,
/// as scikit-learn's predict does; a text target is coded with the model's class labels.
/// </summary>
public sealed class FeatureMapping
{
    private readonly int[]? _order;   // model feature j = file feature _order[j]; null = same order

    private FeatureMapping(TableOptions options, int[]? order, IReadOnlyList<string>? modelFeatures, IReadOnlyList<string> keep, TableFormat format)
    {
        Options = options;
        _order = order;
        var kept = keep.ToHashSet();
        var keptText = options.TextColumns.Where(c => kept.Contains(c) && c != options.Group).ToArray();
        // A kept feature is copied to the output as a kept column that is not a feature would be (a 17-digit id exact,
        // an INT64 or DECIMAL column keeping its type), not from the doubles the model gets.
        var keptFeatures = modelFeatures is null ? [] : modelFeatures.Where(f => kept.Contains(f) && !keptText.Contains(f)).ToArray();
        // The driver of a job whose workers read the rows themselves reads only what the output needs.
        DriverOptions = options with
        {
            Features = keptText.Except(options.Passthrough).ToArray(),
            Passthrough = [.. options.Passthrough, .. keptFeatures],
            TextColumns = options.Group is { } group && options.TextColumns.Contains(group) ? [.. keptText, group] : keptText,
        };
        // A kept numeric target of a Parquet file likewise (an INT64 or DECIMAL target keeps its type). A CSV target's
        // doubles print as its passthrough copy would (but for integers beyond 2^53), so a CSV file is not read a second
        // time for it; a target of text labels is written with the labels as the file spells them.
        string? keptTarget = options.Target is { } target && kept.Contains(target) && options.ClassNames is null && format != TableFormat.Csv ? target : null;
        string[] copied = [.. keptFeatures, .. keptTarget is null ? [] : new[] { keptTarget }];
        CopyOptions = copied.Length == 0 ? null
            : DriverOptions with { Target = null, Group = null, ClassNames = null, Features = [], TextColumns = [], Passthrough = copied };
        // The driver's own read takes the target as the target (to score against), so a kept one is read again.
        DriverCopyOptions = keptTarget is null ? null : CopyOptions! with { Passthrough = [keptTarget] };
        WorkerOptions = options with
        {
            Target = null, Passthrough = [], Group = null, ClassNames = null,
            Exclude = [.. options.Exclude, .. options.Passthrough, .. options.Target is null ? [] : new[] { options.Target }, .. options.Group is null ? [] : new[] { options.Group }],
        };
        NeedsDriverRead = keep.Count > 0 || options.Target is not null || options.Group is not null;
    }

    /// <summary>What to read from the file: the target (if any), the kept columns as passthrough, the rest as features.</summary>
    public TableOptions Options { get; }

    /// <summary>
    /// The kept columns (a kept feature as a passthrough column), target and group without the features: what the driver
    /// reads when the workers read the features.
    /// </summary>
    public TableOptions DriverOptions { get; }

    /// <summary>
    /// The kept columns that are also the model's features or its numeric target (Parquet), alone and as passthrough columns: what
    /// the driver reads beside <see cref="Options"/> (chunk by chunk, in step) to write them as they are in the file;
    /// null when no kept column is one.
    /// </summary>
    public TableOptions? CopyOptions { get; }

    /// <summary>What the driver reads beside <see cref="DriverOptions"/> for the same reason: a kept numeric target (Parquet); else null.</summary>
    public TableOptions? DriverCopyOptions { get; }

    /// <summary>The features alone (in file order), as a worker reads them from its partition of the file.</summary>
    public TableOptions WorkerOptions { get; }

    /// <summary>Whether the output needs any column besides the predictions (kept columns, target, group).</summary>
    public bool NeedsDriverRead { get; }

    /// <param name="group">A column that routes each row to a model (not a feature; fit-groups' --group-by), or null.</param>
    /// <param name="groupAsText">Read <paramref name="group"/> as strings, as spelled in the file ("01" stays "01").</param>
    public static FeatureMapping Create(string dataPath, IReadOnlyList<string>? modelFeatures, int featureCount, string? target, IReadOnlyList<string> keep,
        IReadOnlyList<string>? textColumns = null, IReadOnlyList<string>? classNames = null, string? modelTarget = null, string? group = null,
        int? inferRows = null, bool groupAsText = false)
    {
        textColumns ??= [];
        var file = TableReader.ReadSchema(dataPath, TableOptions.AllColumns);
        // Columns a reader leaves out unless named (Parquet LIST, MAP, STRUCT; a pandas index) are left out unless kept or
        // named as the model's features.
        var unreadable = file.Columns.Where(c => c.Role == ColumnRole.Excluded && !keep.Contains(c.Name) && modelFeatures?.Contains(c.Name) != true)
            .Select(c => c.Name).ToArray();
        var names = file.Columns.Select(c => c.Name).Except(unreadable).ToArray();
        var unknown = keep.Where(k => !names.Contains(k)).ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException($"--keep: {dataPath} has no column {string.Join(", ", unknown.Select(u => $"'{u}'"))}; its columns are: {string.Join(", ", names)}.");
        if (target is not null && !names.Contains(target))
            throw new ArgumentException($"--target: {dataPath} has no column '{target}'; its columns are: {string.Join(", ", names)}.");
        if (group is not null && !names.Contains(group))
            throw new ArgumentException($"{dataPath} has no column '{group}', the column the models were grouped by; its columns are: {string.Join(", ", names)}.");
        var kept = keep.Where(k => k != target && k != group).ToHashSet();
        if (modelFeatures is null)
        {
            var options = Read(target, kept.ToArray(), textColumns, classNames, group, groupAsText, inferRows, unreadable);
            int count = names.Count(n => n != target && n != group && !kept.Contains(n));
            if (count != featureCount)
                throw new ArgumentException($"The model has {featureCount} features but {dataPath} has {count} feature columns " +
                    $"({string.Join(", ", names.Where(n => n != target && n != group && !kept.Contains(n)))}); the model file records no feature names to match them by.");
            return new FeatureMapping(options, null, null, keep, file.Format);
        }
        var modelSet = modelFeatures.Concat(textColumns).ToHashSet();
        var missing = modelFeatures.Concat(textColumns).Where(f => !names.Contains(f)).ToArray();
        if (missing.Length > 0)
            throw new ArgumentException($"{dataPath} lacks the model's feature column{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => $"'{m}'"))}.");
        var unexpected = names.Where(n => !modelSet.Contains(n) && n != target && n != group && !kept.Contains(n)).ToArray();
        if (modelTarget is not null && unexpected.Contains(modelTarget))
            throw new ArgumentException($"{dataPath} has the model's target column '{modelTarget}': pass --target {modelTarget} to score the predictions " +
                $"against it, or --keep {modelTarget} to copy it to the output.");
        if (unexpected.Length > 0)
            throw new ArgumentException($"{dataPath} has column{(unexpected.Length > 1 ? "s" : "")} {string.Join(", ", unexpected.Select(u => $"'{u}'"))} " +
                $"that the model was not fitted on (its features: {string.Join(", ", modelFeatures.Concat(textColumns))}); name them with --keep to carry them to the output.");
        // Kept columns that are also features stay features here; the output takes them from a read of CopyOptions.
        var passthrough = kept.Where(k => !modelSet.Contains(k)).ToArray();
        var numeric = modelFeatures.ToHashSet();
        var fileFeatures = names.Where(numeric.Contains).ToList();
        // The model's columns named as features, so that one a reader leaves out unless named (a pandas index) is read.
        var read = Read(target, passthrough, textColumns, classNames, group, groupAsText, inferRows, unreadable) with { Features = [.. fileFeatures, .. textColumns] };
        return new FeatureMapping(read, Order(modelFeatures, fileFeatures), modelFeatures, keep, file.Format);
    }

    /// <summary>
    /// Where each of <paramref name="wanted"/> is among <paramref name="present"/> (the same names, perhaps in another
    /// order): column j of the result is column order[j] of the file; null when the order is already the same.
    /// </summary>
    internal static int[]? Order(IReadOnlyList<string> wanted, IReadOnlyList<string> present)
    {
        var positions = present.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        var order = wanted.Select(name => positions[name]).ToArray();
        return order.Select((o, j) => o == j).All(same => same) ? null : order;
    }

    private static TableOptions Read(string? target, string[] passthrough, IReadOnlyList<string> textColumns, IReadOnlyList<string>? classNames, string? group,
        bool groupAsText, int? inferRows, string[] unreadable) => new()
    {
        Exclude = unreadable,
        Target = target, Passthrough = passthrough, TextColumns = group is not null && groupAsText ? [.. textColumns, group] : textColumns, AllowMissing = true, OptionNames = TableOptionNames.Fixed,
        ClassNames = target is not null ? classNames : null, Group = group, InferRows = inferRows ?? TableOptions.Default.InferRows,
    };

    /// <summary>The chunk's feature rows in the model's column order.</summary>
    public Matrix Rows(TableChunk chunk) => _order is null ? chunk.Data.X : Reorder(chunk.Data.X, _order);

    /// <summary>The columns of <paramref name="x"/> picked in <paramref name="order"/>: column j of the result is column order[j].</summary>
    internal static Matrix Reorder(Matrix x, int[] order)
    {
        var result = new Matrix(x.Rows, order.Length);
        for (int i = 0; i < x.Rows; i++)
        {
            var source = x.Row(i);
            var target = result.Row(i);
            for (int j = 0; j < order.Length; j++) target[j] = source[order[j]];
        }
        return result;
    }
}
