namespace Scalearn.Reporting.Model;

/// <summary>One row of a fit-groups output (groups.csv): the model fitted on one group's rows.</summary>
public sealed record GroupFit(string Group, int Rows, double Score, IReadOnlyDictionary<string, object?> Params, double FitSeconds,
    string Status, string? Error)
{
    private static readonly string[] FailedStatuses = ["failed", "fail", "error", "skipped", "cancelled"];

    /// <summary>The group has a score and its status is not a failure.</summary>
    public bool Succeeded => double.IsFinite(Score) && !FailedStatuses.Contains(Status.Trim().ToLowerInvariant());
}
