namespace Scalearn.Data;

/// <summary>How <see cref="CsvLoader"/> interprets a CSV file.</summary>
public sealed record CsvOptions
{
    /// <summary>Name of the target column; null loads every numeric column as a feature and no target.</summary>
    public string? Target { get; init; } = "target";

    /// <summary>Keep non-numeric columns as <see cref="Dataset.TextColumns"/> instead of failing (a column is text when any cell is non-numeric).</summary>
    public bool KeepTextColumns { get; init; }

    /// <summary>Empty cells and pandas' missing tokens (see CsvNumber.IsMissingToken) become NaN in numeric feature columns instead of an error (for imputers).</summary>
    public bool AllowMissing { get; init; }

    /// <summary>Dataset name; defaults to the file name without extension.</summary>
    public string? Name { get; init; }

    public static CsvOptions Default { get; } = new();

    /// <summary>The same choices for the format-neutral readers.</summary>
    public Tables.TableOptions ToTableOptions() => new()
    {
        Target = Target, KeepTextColumns = KeepTextColumns, AllowMissing = AllowMissing, Name = Name,
    };
}
