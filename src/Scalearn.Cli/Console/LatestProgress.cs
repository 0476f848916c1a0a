using Scalearn.Execution;

namespace Scalearn.Cli.Console;

/// <summary>Keeps only the newest progress report; the display polls it, so executors never wait on the console.</summary>
public sealed class LatestProgress : IProgress<JobProgress>
{
    private JobProgress? _latest;

    public JobProgress? Latest => Volatile.Read(ref _latest);

    public void Report(JobProgress value) => Volatile.Write(ref _latest, value);
}
