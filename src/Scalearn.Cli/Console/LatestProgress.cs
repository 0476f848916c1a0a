using Scalearn.Execution;

namespace Scalearn.Cli.Console;

/// <summary>
/// Keeps only the newest progress report (and, for searches, the best score so far); the display polls it, so
/// executors never wait on the console.
/// </summary>
public sealed class LatestProgress : IProgress<JobProgress>
{
    private JobProgress? _latest;
    private readonly object _gate = new();
    private double? _best;

    public JobProgress? Latest => Volatile.Read(ref _latest);

    /// <summary>The best score reported through <see cref="ReportScore"/>, or null.</summary>
    public double? Best { get { lock (_gate) return _best; } }

    public void Report(JobProgress value) => Volatile.Write(ref _latest, value);

    public void ReportScore(double score)
    {
        if (double.IsNaN(score)) return;
        lock (_gate) _best = _best is { } b ? Math.Max(b, score) : score;
    }
}
