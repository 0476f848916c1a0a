namespace Scalearn.Reporting.Readers;

/// <summary>
/// What a search journal's meta table says about its search: how the run stands, what was searched on which data, the
/// scorers (the first ranks candidates), the number of splits and what a failed fit scores.
/// </summary>
public sealed record JournalInfo
{
    /// <summary>"running", "completed", "cancelled" or "failed", as the driver last recorded it.</summary>
    public string Status { get; init; } = "running";
    public string? Search { get; init; }
    public string? Estimator { get; init; }
    public string? Dataset { get; init; }
    public IReadOnlyList<string> Scorers { get; init; } = ["score"];
    public int Splits { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    /// <summary>Score given to a failed fit: NaN for "nan", null for "raise".</summary>
    public double? ErrorScore { get; init; } = double.NaN;

    /// <summary>"GridSearch of random-forest-classifier on digits", from whatever the journal recorded.</summary>
    public string Description
    {
        get
        {
            var text = Search ?? "Search";
            if (Estimator is { Length: > 0 }) text += " of " + Estimator;
            if (Dataset is { Length: > 0 }) text += " on " + Dataset;
            return text;
        }
    }
}
