using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Scalearn.Execution.Blobs;

namespace Scalearn.Execution;

/// <summary>A job on the <see cref="LocalExecutor"/>: each task is one turn on the executor's slot pool.</summary>
internal sealed class LocalJob<TTask, TResult> : IJob<TTask, TResult> where TTask : notnull where TResult : notnull
{
    private readonly LocalExecutor _executor;
    private readonly TaskKind<TTask, TResult> _kind;
    private readonly JobOptions _options;
    private readonly Dictionary<string, IBlob> _blobs = new(StringComparer.Ordinal);
    private readonly Dictionary<TaskKey, CancellationTokenSource> _live = new();
    private readonly HashSet<TaskKey> _submitted = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<TaskOutcome<TTask, TResult>> _outcomes =
        Channel.CreateUnbounded<TaskOutcome<TTask, TResult>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _done, _failed, _cancelled;
    private long _rows;
    private bool _completed, _disposed;

    public LocalJob(LocalExecutor executor, TaskKind<TTask, TResult> kind, IEnumerable<IBlob> inputs, JobOptions options)
    {
        _executor = executor;
        _kind = kind;
        _options = options;
        foreach (var blob in inputs) Share(blob);
    }

    public JobProgress Progress
    {
        get
        {
            lock (_live)
                return new JobProgress(_done, Math.Max(_options.ExpectedTasks, _submitted.Count) - _cancelled, Math.Min(_live.Count, _executor.Jobs),
                    _executor.Jobs, _clock.Elapsed, _failed, _rows);
        }
    }

    public void Share(IBlob blob)
    {
        ArgumentNullException.ThrowIfNull(blob);
        lock (_live) _blobs[blob.Id] = blob;
    }

    public void Unshare(string id)
    {
        lock (_live) _blobs.Remove(id);
    }

    public void Submit(TTask task)
    {
        var key = _kind.Key(task);
        var inputs = _kind.Inputs(task);
        CancellationTokenSource cancel;
        lock (_live)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_completed) throw new InvalidOperationException("The job was completed: no more tasks can be submitted.");
            foreach (var id in inputs)
                if (!_blobs.ContainsKey(id)) throw new ArgumentException($"Task {key} reads input {TaskContext.Short(id)}, which was not shared with the job.", nameof(task));
            if (!_submitted.Add(key)) throw new ArgumentException($"Task key {key} was already submitted to this job.", nameof(task));
            cancel = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            _live.Add(key, cancel);
        }
        var clock = Stopwatch.StartNew();
        var run = _executor.Pool.RunAsync(this, token => _kind.Run(task, new TaskContext("local", Resolve, _executor.Resident, token)), cancel.Token, _options.TaskTimeout);
        _ = run.ContinueWith(t => Finish(task, key, t, clock.Elapsed.TotalSeconds), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        Report();
    }

    private object Resolve(string id)
    {
        lock (_live)
            return _blobs.TryGetValue(id, out var blob) ? blob.Value : throw new InvalidDataException($"Input {TaskContext.Short(id)} was not shared with the job.");
    }

    private void Finish(TTask task, TaskKey key, Task<TResult> run, double seconds)
    {
        TaskOutcome<TTask, TResult>? outcome = null;
        if (run.IsCompletedSuccessfully)
            outcome = new TaskOutcome<TTask, TResult>(task, key, run.Result, null, "local", seconds);
        else if (run.Exception?.InnerException is { } e)
        {
            string error = e is TaskLimitException ? e.Message : Describe(e);
            outcome = new TaskOutcome<TTask, TResult>(task, key, _kind.Failure(task, error), error, "local", seconds);
        }
        lock (_live)
        {
            if (_live.Remove(key, out var cancel)) cancel.Dispose();
            if (outcome is null) _cancelled++;
            else
            {
                _done++;
                if (outcome.Failed) _failed++;
                _rows += _kind.Rows(task, outcome.Result);
            }
            // Written under the lock: a task finishing at the same time must not complete the stream before this
            // outcome is in it (the outcome would be dropped).
            if (outcome is not null) _outcomes.Writer.TryWrite(outcome);
            if (_completed && _live.Count == 0) _outcomes.Writer.TryComplete();
        }
        Report();
    }

    /// <summary>"ExceptionType: message", the form recorded in cv_results errors.</summary>
    internal static string Describe(Exception e) => $"{e.GetType().Name}: {e.Message}";

    public void Cancel(TaskKey key)
    {
        CancellationTokenSource? cancel;
        lock (_live) _live.TryGetValue(key, out cancel);
        try
        {
            cancel?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The task finished meanwhile (Finish disposes its source): nothing left to cancel.
        }
    }

    public void Complete()
    {
        bool empty;
        lock (_live)
        {
            _completed = true;
            empty = _live.Count == 0;
        }
        if (empty) _outcomes.Writer.TryComplete();
    }

    public async IAsyncEnumerable<TaskOutcome<TTask, TResult>> Results([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reader = _outcomes.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // Outcomes already buffered when cancellation arrives are dropped, not yielded.
            cancellationToken.ThrowIfCancellationRequested();
            if (reader.TryRead(out var outcome)) yield return outcome;
        }
    }

    private void Report() => _options.Progress?.Report(Progress);

    public ValueTask DisposeAsync()
    {
        lock (_live)
        {
            if (_disposed) return ValueTask.CompletedTask;
            _disposed = true;
        }
        _stop.Cancel();
        _outcomes.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
