namespace Scalearn.Execution;

/// <summary>Progress of one job: tasks done (failed included) of all known, in flight, live workers (or local slots), rows.</summary>
public sealed record JobProgress(int Done, int Total, int InFlight, int Workers, TimeSpan Elapsed, int Failed = 0, long Rows = 0)
{
    public double RowsPerSecond => Elapsed > TimeSpan.Zero ? Rows / Elapsed.TotalSeconds : 0;
}
