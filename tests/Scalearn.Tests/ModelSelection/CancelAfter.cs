using Scalearn.Execution;

namespace Scalearn.Tests.ModelSelection;

/// <summary>A search's progress that calls <c>cancel</c> once, when <c>done</c> tasks are done.</summary>
internal sealed class CancelAfter(int done, Action cancel) : IProgress<JobProgress>
{
    private int _fired;

    public void Report(JobProgress value)
    {
        if (value.Done >= done && Interlocked.Exchange(ref _fired, 1) == 0) cancel();
    }
}
