namespace Scalearn.Data.Tables;

/// <summary>
/// Which columns of a CSV or Parquet file a reader takes and in which role. Columns not named here get
/// <see cref="OtherColumns"/> (features by default). Plain data, so a job can ship it to the workers with a partition.
/// </summary>
public sealed record TableOptions
{
    /// <summary>Name of the numeric target column; null reads no target.</summary>
    public string? Target { get; init; } = "target";

    /// <summary>Columns carried along untouched (ids, keys), in any kind; not features.</summary>
    public IReadOnlyList<string> Passthrough { get; init; } = [];

    /// <summary>Column whose values split the rows into groups; not a feature.</summary>
    public string? Group { get; init; }

    /// <summary>Columns that are not read at all.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>
    /// The only feature columns (in any order; the file's order is kept); null makes every column not named elsewhere a
    /// feature. Columns neither listed here nor given another role are not read.
    /// </summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>
    /// Columns read as strings whatever they hold (text features, string ids among the passthrough columns, or a target
    /// of class labels that look like numbers).
    /// </summary>
    public IReadOnlyList<string> TextColumns { get; init; } = [];

    /// <summary>
    /// The class labels of a text target, when known up front (a model's classes, or partial_fit's classes): codes then
    /// index this list sorted, and a label outside it is an error. Null learns them from the file, which needs the whole
    /// file (a text target read in chunks must name its classes so that every chunk codes them alike).
    /// </summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>How error messages name these options (the C# property names, or a command's flags).</summary>
    public TableOptionNames OptionNames { get; init; } = TableOptionNames.Library;

    /// <summary>Non-numeric feature columns become text columns instead of failing.</summary>
    public bool KeepTextColumns { get; init; }

    /// <summary>Empty cells, pandas' missing tokens ("nan", "NA", "N/A", "null", ...; see CsvNumber.IsMissingToken) (CSV) and nulls (Parquet) become NaN in numeric feature columns instead of an error.</summary>
    public bool AllowMissing { get; init; }

    /// <summary>Role of every column not named above: <see cref="ColumnRole.Feature"/> or <see cref="ColumnRole.Passthrough"/>.</summary>
    public ColumnRole OtherColumns { get; init; } = ColumnRole.Feature;

    /// <summary>
    /// CSV only: data rows sampled when the schema is read to tell numeric columns from text ones (where that decides a
    /// column's kind: passthrough columns, and features with <see cref="KeepTextColumns"/>); 0 scans the whole file.
    /// A later cell that contradicts the sample is an error naming its line and column.
    /// </summary>
    public int InferRows { get; init; } = 1000;

    /// <summary>Dataset name; defaults to the file name without extension.</summary>
    public string? Name { get; init; }

    public static TableOptions Default { get; } = new();

    /// <summary>Every column as it is (passthrough, no target, missing values allowed): what converting a file needs.</summary>
    public static TableOptions AllColumns { get; } = new()
    {
        Target = null, OtherColumns = ColumnRole.Passthrough, AllowMissing = true,
    };

    internal void Validate()
    {
        if (OtherColumns is not (ColumnRole.Feature or ColumnRole.Passthrough))
            throw new ArgumentException(
                $"OtherColumns must be Feature or Passthrough, got {OtherColumns}.", nameof(OtherColumns));
        if (InferRows < 0)
            throw new ArgumentOutOfRangeException(nameof(InferRows), InferRows, "InferRows must be >= 0 (0 scans the whole file).");
        if (ClassNames is not null && (ClassNames.Count == 0 || ClassNames.Any(c => c is null)))
            throw new ArgumentException("ClassNames must list at least one label and no null.", nameof(ClassNames));
    }

    /// <summary>The class labels up front, sorted and distinct (as <see cref="Dataset.ClassNames"/> holds them).</summary>
    internal string[]? SortedClassNames => ClassNames?.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
}
