namespace Scalearn.Reporting.Model;

/// <summary>One row of a fit-groups output (groups.csv): the model fitted on one group's rows.</summary>
public sealed record GroupFit(string Group, int Rows, double Score, IReadOnlyDictionary<string, object?> Params, double FitSeconds,
    string Status, string? Error)
{
    public bool Succeeded => string.Equals(Status, "ok", StringComparison.OrdinalIgnoreCase) && double.IsFinite(Score);
}
