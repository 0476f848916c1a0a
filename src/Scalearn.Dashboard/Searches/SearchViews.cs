namespace Scalearn.Dashboard.Searches;

/// <summary>One search in the list: where it stands in a line. Times are UTC; unknown numbers are null.</summary>
public sealed record SearchSummary(
    string Id,
    string Name,
    string Path,
    string Status,
    string? Description,
    string? Scorer,
    int Trials,
    int Complete,
    int Failed,
    int Running,
    int FitsDone,
    int FitsKnown,
    double? Best,
    DateTimeOffset? UpdatedAt,
    string? Error);

/// <summary>
/// One search in detail: its summary, the best trial, timing and an ETA for the trials proposed so far (a search that
/// proposes as it goes may add more), unfinished trials, the latest finished ones, and the folds each worker ran.
/// </summary>
public sealed record SearchProgress(
    SearchSummary Summary,
    int Splits,
    BestTrial? BestTrial,
    DateTimeOffset? StartedAt,
    double? ElapsedSeconds,
    double? EtaSeconds,
    double? FitsPerMinute,
    DateTimeOffset AsOf,
    int InFlightCount,
    IReadOnlyList<InFlightTrial> InFlight,
    IReadOnlyList<FinishedTrial> Recent,
    IReadOnlyList<WorkerShare> Workers);

public sealed record BestTrial(int Trial, double Value, string Params);

/// <summary>A proposed trial not finished yet: folds done of its splits, and since when its first fold ran (null: none has finished).</summary>
public sealed record InFlightTrial(int Trial, string Params, int FoldsDone, int Folds, DateTimeOffset ProposedAt, DateTimeOffset? FirstFoldStarted);

public sealed record FinishedTrial(int Trial, string State, double? Value, string Params, double? Seconds, DateTimeOffset? FinishedAt, string? Error);

/// <summary>Folds of this search a worker ran, and their seconds.</summary>
public sealed record WorkerShare(string Worker, int Folds, double Seconds);
