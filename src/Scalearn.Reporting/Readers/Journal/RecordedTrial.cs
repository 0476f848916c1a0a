using Scalearn.ModelSelection;
using Scalearn.Reporting.Model;

namespace Scalearn.Reporting.Readers;

/// <summary>A candidate as its journal records it: the proposal, how it ended (if it has) and its finished folds by split.</summary>
public sealed class RecordedTrial
{
    internal RecordedTrial(int number) => Number = number;

    public int Number { get; }
    public IReadOnlyDictionary<string, object?> Params { get; internal set; } = new Dictionary<string, object?>();
    public int? Iter { get; internal set; }
    public long? NResources { get; internal set; }
    public DateTimeOffset ProposedAt { get; internal set; }
    public DateTimeOffset? FinishedAt { get; internal set; }
    /// <summary>Mean test score of the first scorer (NaN while running or when a split failed with error_score nan).</summary>
    public double Value { get; internal set; } = double.NaN;
    /// <summary>Running, Complete or Fail (every split failed, or no finite score).</summary>
    public TrialState State { get; internal set; } = TrialState.Running;
    public SortedList<int, RecordedTask> Tasks { get; } = [];

    /// <summary>When its first fold started running (a fold's finish time less its seconds), or null before any fold finished.</summary>
    public DateTimeOffset? FirstStart => Tasks.Count == 0 ? null : Tasks.Values.Min(t => t.Started);
}

/// <summary>One finished fold: its decoded result (scores, times, error), where it ran and when it finished.</summary>
public sealed record RecordedTask(int Trial, int Split, FitResult Result, string? Error, string Worker, double Seconds, DateTimeOffset FinishedAt)
{
    public DateTimeOffset Started => FinishedAt - TimeSpan.FromSeconds(double.IsFinite(Seconds) && Seconds > 0 ? Seconds : 0);
}
