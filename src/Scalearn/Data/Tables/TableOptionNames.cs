namespace Scalearn.Data.Tables;

/// <summary>
/// How a reader's error messages name the <see cref="TableOptions"/> that would fix a problem: the C# property names
/// for library callers, a command's flags on the command line (so a message never names something the user cannot
/// type).
/// </summary>
public sealed record TableOptionNames
{
    public string Target { get; init; } = "Target";
    public string Features { get; init; } = "Features";
    public string Exclude { get; init; } = "Exclude";
    public string Passthrough { get; init; } = "Passthrough";
    public string Group { get; init; } = "Group";
    /// <summary>What reads a column as text; null when the caller cannot name one (no hint is given).</summary>
    public string? TextColumns { get; init; } = "TextColumns";

    /// <summary>What turns non-numeric feature columns into text columns; null when the caller cannot (no hint is given).</summary>
    public string? KeepTextColumns { get; init; } = "KeepTextColumns";

    /// <summary>What loads missing cells as missing values; null when the caller cannot (no hint is given).</summary>
    public string? AllowMissing { get; init; } = "AllowMissing";
    public string ClassNames { get; init; } = "ClassNames";

    /// <summary>
    /// What leaves a text column out of the features when nothing can keep it (<see cref="KeepTextColumns"/> null);
    /// null when the caller cannot either (predict: the model decides the features).
    /// </summary>
    public string? LeaveOut { get; init; }
    public string InferRows { get; init; } = "InferRows";

    public static TableOptionNames Library { get; } = new();

    /// <summary>
    /// For reads whose options follow from a model or a job (predict, fit-groups, fit-stream, knn, convert): a message
    /// names no missing-value or text-column switch, since the user has none to set, and names the commands' flags
    /// (--target, --features, --drop, --keep, --group-by, --infer-rows) for the rest.
    /// </summary>
    public static TableOptionNames Fixed { get; } = new()
    {
        Target = "--target", Features = "--features", Exclude = "--drop", Passthrough = "--keep", Group = "--group-by",
        KeepTextColumns = null, AllowMissing = null, TextColumns = null, ClassNames = "the model's classes", InferRows = "--infer-rows",
    };

    /// <summary><see cref="Fixed"/> for a command that takes --drop (fit-groups, fit-stream, knn): a text column is hinted out with it.</summary>
    public static TableOptionNames FixedWithDrop { get; } = Fixed with { LeaveOut = "--drop" };

    /// <summary>The hint of a non-numeric feature column: keep it as text, or else leave it out, where the caller can.</summary>
    internal string TextFeatureHint(string it) => KeepTextColumns is not null
        ? Hint(KeepTextColumns, $"keeps text columns (for encoders), or leave {it} out with {Exclude}")
        : Hint(LeaveOut, $"leaves {it} out of the features (an id column)");

    /// <summary>"; {hint}" when the option has a name, else nothing.</summary>
    internal static string Hint(string? option, string text) => option is null ? "" : $"; {option} {text}";
}
