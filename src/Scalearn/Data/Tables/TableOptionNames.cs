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
    public string TextColumns { get; init; } = "TextColumns";

    /// <summary>What turns non-numeric feature columns into text columns.</summary>
    public string KeepTextColumns { get; init; } = "KeepTextColumns";

    /// <summary>What loads missing cells as missing values.</summary>
    public string AllowMissing { get; init; } = "AllowMissing";
    public string ClassNames { get; init; } = "ClassNames";
    public string InferRows { get; init; } = "InferRows";

    public static TableOptionNames Library { get; } = new();
}
