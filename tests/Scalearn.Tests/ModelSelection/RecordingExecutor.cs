using System.Runtime.CompilerServices;
using Scalearn.Execution;

namespace Scalearn.Tests.ModelSelection;

/// <summary>Wraps an executor and counts the tasks it was asked to run.</summary>
internal sealed class RecordingExecutor(ITaskExecutor inner) : ITaskExecutor
{
    public int TasksSubmitted;

    public async IAsyncEnumerable<FitResult> RunAsync(TaskBatch batch, IProgress<ExecutionProgress>? progress = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Interlocked.Add(ref TasksSubmitted, batch.Tasks.Count);
        await foreach (var r in inner.RunAsync(batch, progress, cancellationToken)) yield return r;
    }
}
