namespace Scalearn.Reporting.Model;

/// <summary>
/// Everything a report draws, independent of where it was read from: the trials of a search (cv_results.json,
/// trials.csv, later a search journal) and the per-group fits of a fit-groups run. Readers build it; figures read it.
/// </summary>
public sealed record SearchRecord
{
    /// <summary>Folder or file the record was read from, shown in the report's header.</summary>
    public required string Source { get; init; }
    /// <summary>Name of the score the trials' values hold ("score" for a single unnamed scorer).</summary>
    public string Scorer { get; init; } = "score";
    /// <summary>Every scorer the source recorded; the report draws <see cref="Scorer"/>.</summary>
    public IReadOnlyList<string> Scorers { get; init; } = [];
    public IReadOnlyList<Trial> Trials { get; init; } = [];
    public IReadOnlyList<GroupFit> Groups { get; init; } = [];
    /// <summary>Trials carry start and completion times (trials.csv or a journal), so history by wall time is real.</summary>
    public bool HasWallClock => Trials.Any(t => t.Complete is not null);
    /// <summary>A successive-halving search: trials carry rungs.</summary>
    public bool IsHalving => Trials.Any(t => t.Iter is not null);
    /// <summary>What was searched, when the source says ("GridSearch of svc on digits").</summary>
    public string? Description { get; init; }
    /// <summary>How the run stands when the source knows (a journal: running, completed, cancelled, failed, interrupted).</summary>
    public string? Status { get; init; }
    /// <summary>What the report should say about how its inputs were read.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public int SplitCount => Trials.Count == 0 ? 0 : Trials.Max(t => t.SplitScores.Count);

    public IEnumerable<string> ParamNames => Trials.SelectMany(t => t.Params.Keys).Distinct().Order(StringComparer.Ordinal);
}
