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

    /// <summary>Columns read as strings whatever they hold (text features, or string ids among the passthrough columns).</summary>
    public IReadOnlyList<string> TextColumns { get; init; } = [];

    /// <summary>Non-numeric feature columns become text columns instead of failing.</summary>
    public bool KeepTextColumns { get; init; }

    /// <summary>Empty cells, "nan", "NA" (CSV) and nulls (Parquet) become NaN in numeric feature columns instead of an error.</summary>
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
    }
}
