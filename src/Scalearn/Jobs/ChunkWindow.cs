using Scalearn.Execution;

namespace Scalearn.Jobs;

/// <summary>
/// Feeds a job numbered chunks (task keys 0, 1, 2, ...) with at most 2 x slots + 2 outstanding (the executor's slots at
/// each submit: a cluster's grow as its workers answer, which may be after the job started), and hands each outcome
/// on in chunk order with what the driver kept for that chunk: a chunk that finishes early waits, within that bound,
/// so a job's output is written in input order with bounded memory. <paramref name="arrived"/> sees every outcome as
/// it arrives (to fail fast, or to release its input); <paramref name="deliver"/> sees them in order.
/// </summary>
internal sealed class ChunkWindow<TTask, TResult, TChunk>(IJob<TTask, TResult> job, Func<int> slots,
    Action<TChunk, TaskOutcome<TTask, TResult>> arrived, Action<TChunk, TaskOutcome<TTask, TResult>> deliver, CancellationToken cancellationToken)
    : IAsyncDisposable
{
    private readonly IAsyncEnumerator<TaskOutcome<TTask, TResult>> _results = job.Results(cancellationToken).GetAsyncEnumerator(cancellationToken);
    private readonly Dictionary<long, TChunk> _pending = [];
    private readonly Dictionary<long, TaskOutcome<TTask, TResult>> _done = [];

    /// <summary>The number the next submitted chunk's task must be keyed by.</summary>
    public long Next { get; private set; }

    private long _delivered;

    public async Task SubmitAsync(TTask task, TChunk chunk)
    {
        _pending[Next] = chunk;
        job.Submit(task);
        Next++;
        while (Next - _delivered >= 2 * Math.Max(1, slots()) + 2 && await ReceiveAsync()) { }
    }

    /// <summary>Completes the job and delivers every remaining outcome; throws when a chunk never got one.</summary>
    public async Task FinishAsync()
    {
        job.Complete();
        while (_delivered < Next && await ReceiveAsync()) { }
        if (_delivered != Next) throw new InvalidOperationException($"The job ended with {Next - _delivered} of {Next} chunks unanswered.");
    }

    private async Task<bool> ReceiveAsync()
    {
        if (!await _results.MoveNextAsync()) return false;
        var outcome = _results.Current;
        arrived(_pending[outcome.Key.Value], outcome);
        _done[outcome.Key.Value] = outcome;
        while (_done.Remove(_delivered, out var next))
        {
            _pending.Remove(_delivered, out var chunk);
            deliver(chunk!, next);
            _delivered++;
        }
        return true;
    }

    public ValueTask DisposeAsync() => _results.DisposeAsync();
}
