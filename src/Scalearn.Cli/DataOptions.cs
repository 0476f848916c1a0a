using System.CommandLine;
using Scalearn.Data;
using Scalearn.Data.Tables;

namespace Scalearn.Cli;

/// <summary>
/// The data-loading flags a command can take (<c>--categorical</c>, <c>--missing-values</c>, <c>--drop</c>,
/// <c>--features</c>), turned into the table readers' options with error messages that name these flags.
/// </summary>
public sealed class DataOptions
{
    /// <summary>How the readers name their options in messages of a command that takes these flags.</summary>
    public static TableOptionNames FlagNames { get; } = new()
    {
        Target = "--target", Features = "--features", Exclude = "--drop", Passthrough = "--keep", Group = "--groups",
        TextColumns = "--categorical", KeepTextColumns = "--categorical auto", AllowMissing = "--missing-values",
        ClassNames = "the model's classes", InferRows = "--categorical",
    };

    public Option<string?> Categorical { get; } = new("--categorical")
    {
        Description = "Text (categorical) columns for encoders such as OneHotEncoder: comma-separated names, or 'auto' for every non-numeric column",
    };

    public Option<bool> MissingValues { get; } = new("--missing-values")
    {
        Description = "Load empty cells and pandas' missing tokens (NA, NaN, N/A, null, None, #N/A, ...) as missing values (NaN in numbers, None in text) for SimpleImputer or estimators that handle them",
    };

    public Option<string?> Drop { get; } = new("--drop") { Description = "Comma-separated columns to leave out of the features (an id column)" };

    public Option<string?> Features { get; } = new("--features") { Description = "Comma-separated feature columns: every other column but the target is left out" };

    public IEnumerable<Option> All => [Categorical, MissingValues, Drop, Features];

    /// <summary>The parsed flags.</summary>
    public DataChoices Read(ParseResult parse) => new()
    {
        Categorical = parse.GetValue(Categorical), MissingValues = parse.GetValue(MissingValues),
        Drop = Names(parse.GetValue(Drop)), Features = parse.GetValue(Features) is { } f ? Names(f) : null,
    };

    internal static IReadOnlyList<string> Names(string? list) =>
        list is null ? [] : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>What the data-loading flags asked for; <see cref="Load"/> reads a dataset with them.</summary>
public sealed record DataChoices
{
    /// <summary>'auto', or comma-separated column names; null reads only numbers.</summary>
    public string? Categorical { get; init; }
    public bool MissingValues { get; init; }
    public IReadOnlyList<string> Drop { get; init; } = [];
    public IReadOnlyList<string>? Features { get; init; }

    public bool AutoCategorical => string.Equals(Categorical?.Trim(), "auto", StringComparison.OrdinalIgnoreCase);

    /// <summary>The readers' options for these choices (the group/time columns text-or-number as the data says when <paramref name="keepText"/>).</summary>
    public TableOptions ToTableOptions(string? target, bool keepText = false, IEnumerable<string>? extraColumns = null)
    {
        var features = Features;
        if (features is not null && extraColumns is not null) features = [.. features, .. extraColumns.Where(c => !features.Contains(c))];
        return new TableOptions
        {
            Target = target, KeepTextColumns = AutoCategorical || keepText, AllowMissing = MissingValues, Exclude = Drop, Features = features,
            TextColumns = AutoCategorical ? [] : DataOptions.Names(Categorical), OptionNames = DataOptions.FlagNames,
        };
    }

    /// <summary>Loads a bundled dataset or a CSV/Parquet file with these choices.</summary>
    /// <param name="extraColumns">Columns a command extracts itself (groups, times): kept even when --features leaves them out.</param>
    public Dataset Load(string data, string? target, bool keepText = false, IEnumerable<string>? extraColumns = null)
        => BundledDatasets.Load(data, ToTableOptions(target, keepText, extraColumns));
}
