using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Scalearn.Cluster.Wire;
using Scalearn.Execution;
using Scalearn.Execution.Blobs;

namespace Scalearn.Cluster.Driver;

/// <summary>The executor's view of a job of any kind.</summary>
internal interface IClusterJob
{
    Guid Id { get; }
    void OnResults(ResultEnvelope results);
    void OnWorkerGone(Guid instance);
    Task Finished { get; }
    int Duplicates { get; }
}

/// <summary>
/// A job on the cluster. Submitted tasks wait on the driver, then go out in messages (sized by guided
/// self-scheduling) to the cluster's task queue, or to the worker that holds a task's preferred input. Results are
/// accepted only for tasks of this job that are in flight and only when they fit their task; a task whose worker died
/// is sent again (and a duplicate result counts once).
/// </summary>
internal sealed class ClusterJob<TTask, TResult> : IJob<TTask, TResult>, IClusterJob where TTask : notnull where TResult : notnull
{
    private sealed class Entry(TTask task, TaskKey key, byte[] body, IReadOnlyList<string> inputs, string? preferred)
    {
        public TTask Task { get; } = task;
        public TaskKey Key { get; } = key;
        public byte[] Body { get; } = body;
        public IReadOnlyList<string> Inputs { get; } = inputs;
        public string? Preferred { get; } = preferred;
        public Guid? PlacedOn { get; set; }
    }

    private readonly ClusterExecutor _executor;
    private readonly TaskKind<TTask, TResult> _kind;
    private readonly JobOptions _options;
    private readonly object _gate = new();
    private readonly LinkedList<Entry> _queued = new();
    private readonly Dictionary<TaskKey, Entry> _inFlight = new();
    private readonly ResultParts _parts = new();
    private readonly HashSet<TaskKey> _keys = [];
    private readonly List<TaskKey> _toCancel = [];
    private readonly Channel<TaskOutcome<TTask, TResult>> _outcomes =
        Channel.CreateUnbounded<TaskOutcome<TTask, TResult>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task _loop;
    private int _done, _failed, _cancelled, _duplicates, _messagesSent, _resends;
    private long _rows, _progressAt = Stopwatch.GetTimestamp();
    private int _lastDone = -1;
    private bool _completed, _disposed;

    public ClusterJob(ClusterExecutor executor, TaskKind<TTask, TResult> kind, IEnumerable<IBlob> inputs, JobOptions options)
    {
        _executor = executor;
        _kind = kind;
        _options = options;
        foreach (var blob in inputs) Share(blob);
        _loop = Task.Run(LoopAsync);
    }

    public Guid Id { get; } = Guid.NewGuid();

    public Task Finished => _outcomes.Reader.Completion;

    public int Duplicates => Volatile.Read(ref _duplicates);

    public JobProgress Progress
    {
        get
        {
            var (workers, _, running, _) = _executor.Workers.Snapshot();
            lock (_gate)
                return new JobProgress(_done, Math.Max(_options.ExpectedTasks, _keys.Count) - _cancelled, Math.Min(running, _inFlight.Count),
                    workers, _clock.Elapsed, _failed, _rows);
        }
    }

    public void Share(IBlob blob)
    {
        // Under the gate: a job disposed meanwhile has had its inputs released, and one registered after that would be
        // held by the executor until the driver exits.
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _executor.Blobs.Register(Id, blob);
        }
    }

    public void Unshare(string id) => _executor.Blobs.Unregister(Id, id);

    public void Submit(TTask task) => Submit([task]);

    public void Submit(IReadOnlyList<TTask> tasks)
    {
        var entries = new List<Entry>(tasks.Count);
        foreach (var task in tasks)
        {
            var key = _kind.Key(task);
            var inputs = _kind.Inputs(task);
            foreach (var id in inputs)
                if (!_executor.Blobs.Has(Id, id)) throw new ArgumentException($"Task {key} reads input {WireLimits.Short(id)}, which was not shared with the job.", nameof(tasks));
            var body = _kind.EncodeTask(task);
            if (body.Length > WireLimits.MaxTaskBytes) throw new ArgumentException($"Task {key} encodes to {body.Length} bytes; at most {WireLimits.MaxTaskBytes} fit a message (share large data as an input).");
            entries.Add(new Entry(task, key, body, inputs, _kind.PreferredInput(task)));
        }
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_completed) throw new InvalidOperationException("The job was completed: no more tasks can be submitted.");
            var fresh = new HashSet<TaskKey>();
            foreach (var e in entries)
                if (_keys.Contains(e.Key) || !fresh.Add(e.Key)) throw new ArgumentException($"Task key {e.Key} was already submitted to this job.", nameof(tasks));
            foreach (var e in entries)
            {
                _keys.Add(e.Key);
                _queued.AddLast(e);
            }
        }
        _wake.Release();
        Report();
    }

    public void Cancel(TaskKey key)
    {
        lock (_gate)
        {
            var queued = _queued.FirstOrDefault(e => e.Key == key);
            if (queued is not null) _queued.Remove(queued);
            else if (_inFlight.Remove(key)) _toCancel.Add(key);
            else return;
            _cancelled++;
        }
        _wake.Release();
        CompleteIfDone();
    }

    public void Complete()
    {
        lock (_gate) _completed = true;
        CompleteIfDone();
    }

    public async IAsyncEnumerable<TaskOutcome<TTask, TResult>> Results([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reader = _outcomes.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (reader.TryRead(out var outcome)) yield return outcome;
        }
    }

    public void OnResults(ResultEnvelope results)
    {
        foreach (var item in results.Results)
        {
            Entry? entry;
            lock (_gate)
                if (!_inFlight.TryGetValue(item.Key, out entry))
                {
                    _duplicates++;
                    continue;
                }
            TaskOutcome<TTask, TResult> outcome;
            if (item.Error is not null)
                outcome = new(entry.Task, entry.Key, _kind.Failure(entry.Task, item.Error), item.Error, results.Worker, item.Seconds);
            else
            {
                TResult result;
                try
                {
                    if (_parts.Add(results.Worker, item) is not { } whole) continue;   // more parts to come
                    result = _kind.DecodeResult(whole);
                }
                catch (InvalidDataException e)
                {
                    _executor.Dropped($"a malformed result for task {item.Key} from worker {results.Worker}: {e.Message}");
                    continue;
                }
                if (_kind.Mismatch(entry.Task, result) is { } mismatch)
                {
                    _executor.Dropped($"a result for task {item.Key} from worker {results.Worker} that does not fit its task: {mismatch}");
                    continue;
                }
                outcome = new(entry.Task, entry.Key, result, null, results.Worker, item.Seconds);
            }
            if (entry.Preferred is { } preferred) _executor.RanWith(preferred, results.Worker);
            // The task ran there, so the worker decoded its inputs, also those that came inline and were never fetched.
            if (item.Error is null)
                foreach (var id in entry.Inputs) _executor.Blobs.MarkHeld(results.Worker, id);
            lock (_gate)
            {
                if (!_inFlight.Remove(item.Key)) continue;
                _parts.Forget(item.Key);
                _done++;
                if (outcome.Failed) _failed++;
                _rows += _kind.Rows(entry.Task, outcome.Result);
                // Under the lock, so that a concurrent CompleteIfDone cannot close the stream before it is written.
                _outcomes.Writer.TryWrite(outcome);
            }
        }
        Report();
        _wake.Release();
        CompleteIfDone();
    }

    public void OnWorkerGone(Guid instance)
    {
        lock (_gate)
        {
            var placed = _inFlight.Values.Where(e => e.PlacedOn == instance).ToList();
            foreach (var e in placed)
            {
                _inFlight.Remove(e.Key);
                e.PlacedOn = null;
                _queued.AddFirst(e);
            }
            if (placed.Count == 0) return;
        }
        _wake.Release();
    }

    private void CompleteIfDone()
    {
        lock (_gate)
            if (_completed && _queued.Count == 0 && _inFlight.Count == 0) _outcomes.Writer.TryComplete();
    }

    private async Task LoopAsync()
    {
        var watchdog = new Watchdog(_executor);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await _wake.WaitAsync(TimeSpan.FromMilliseconds(250), _stop.Token).ConfigureAwait(false);
                while (_wake.CurrentCount > 0) await _wake.WaitAsync(_stop.Token).ConfigureAwait(false);
                int outstanding;
                lock (_gate) outstanding = _queued.Count + _inFlight.Count;
                if (outstanding > 0) watchdog.Check(Volatile.Read(ref _done), outstanding, Volatile.Read(ref _completed));
                await SendCancellationsAsync().ConfigureAwait(false);
                if (!await _executor.WaitForWorkersAsync(_stop.Token).ConfigureAwait(false)) continue;
                CheckStall();
                await DispatchAsync().ConfigureAwait(false);
                Report();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _outcomes.Writer.TryComplete(e);
        }
    }

    private async Task DispatchAsync()
    {
        List<Entry> batch;
        var (_, slots, _, _) = _executor.Workers.Snapshot();
        lock (_gate)
        {
            int room = _executor.Options.MaxTasksInFlight - _inFlight.Count;
            if (room <= 0 || _queued.Count == 0) return;
            batch = _queued.Take(room).ToList();
            foreach (var e in batch)
            {
                _queued.RemoveFirst();
                _inFlight[e.Key] = e;
            }
        }
        int perMessage = Math.Clamp(_executor.Options.MaxTasksPerMessage, 1, WireLimits.MaxTasksPerMessage);
        var messages = new List<((Guid Instance, string Queue)? Worker, Entry[] Tasks)>();
        var shared = new List<Entry>();
        foreach (var group in Place(batch).GroupBy(p => p.Worker, p => p.Entry))
        {
            if (group.Key is not { } holder)
            {
                shared.AddRange(group);
                continue;
            }
            foreach (var e in group) e.PlacedOn = holder.Instance;
            messages.AddRange(group.Chunk(perMessage).Select(c => (group.Key, c)));
        }
        messages.AddRange(TaskMessagePlan.Split(shared, slots, perMessage)
            .Select(c => (((Guid, string)?)null, c)));
        try
        {
            await Task.WhenAll(messages.Select(m => SendAsync(m.Worker, m.Tasks))).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Broker gone while sending: the tasks go out again (a duplicate is absorbed by the in-flight check).
            _executor.Log($"sending tasks failed ({ClusterAddress.Mask(e.GetBaseException().Message)}); retrying");
            Requeue(batch);
            await Task.Delay(TimeSpan.FromSeconds(1), _stop.Token).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Where each task goes (null: the shared queue). For a kind that spreads its inputs (partitions resident on
    /// workers), the holder of its preferred input, and an unheld one goes to the live worker with the fewest of this
    /// job's preferred inputs per slot (when at least two are live). For other kinds the preferred input (a model, an
    /// index) is only a saving, as every worker can fetch it: a task goes to a holder with a slot free for this job,
    /// else to the shared queue for any idle worker (all to the first holder would leave the others idle).
    /// </summary>
    private List<(Entry Entry, (Guid Instance, string Queue)? Worker)> Place(List<Entry> batch)
    {
        if (!_kind.SpreadPreferredInputs) return PlaceOnFreeHolders(batch);
        var placed = batch.Select(e => (Entry: e, Worker: e.Preferred is null ? null : _executor.Holder(e.Preferred))).ToList();
        if (placed.All(p => p.Worker is not null || p.Entry.Preferred is null)) return placed;
        var live = _executor.Workers.Live();
        if (live.Count < 2) return placed;
        var load = live.ToDictionary(w => w.Instance, _ => 0);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (entry, worker) in placed)
            if (worker is { } w && load.ContainsKey(w.Instance) && seen.Add(entry.Preferred!)) load[w.Instance]++;
        var assigned = new Dictionary<string, (Guid, string)>(StringComparer.Ordinal);
        for (int i = 0; i < placed.Count; i++)
        {
            var (entry, worker) = placed[i];
            if (worker is not null || entry.Preferred is not { } input) continue;
            if (!assigned.TryGetValue(input, out var target))
            {
                var best = live.MinBy(w => (load[w.Instance] + 1.0) / Math.Max(1, w.Slots));
                load[best.Instance]++;
                assigned[input] = target = (best.Instance, best.Queue);
            }
            placed[i] = (entry, target);
        }
        return placed;
    }

    private List<(Entry Entry, (Guid Instance, string Queue)? Worker)> PlaceOnFreeHolders(List<Entry> batch)
    {
        var result = new List<(Entry, (Guid, string)?)>(batch.Count);
        Dictionary<Guid, int>? running = null;
        foreach (var entry in batch)
        {
            (Guid, string)? target = null;
            if (entry.Preferred is { } input)
            {
                if (running is null)
                    lock (_gate) running = _inFlight.Values.Where(e => e.PlacedOn is not null).GroupBy(e => e.PlacedOn!.Value).ToDictionary(g => g.Key, g => g.Count());
                foreach (var (instance, queue, slots) in _executor.Holders(input))
                {
                    if (running.GetValueOrDefault(instance) >= slots) continue;
                    running[instance] = running.GetValueOrDefault(instance) + 1;
                    target = (instance, queue);
                    break;
                }
            }
            result.Add((entry, target));
        }
        return result;
    }

    /// <param name="worker">The worker whose own queue the message goes to, or null for the cluster's task queue.</param>
    private async Task SendAsync((Guid Instance, string Queue)? worker, Entry[] tasks)
    {
        var envelope = new TaskEnvelope(Id, _executor.DriverId, _kind.Name, _executor.ReplyQueue, WireLimits.Now, tasks.Select(t => (t.Key, t.Body)).ToArray(),
            InlineInputs(tasks, worker?.Instance));
        if (Interlocked.Increment(ref _messagesSent) <= _executor.Options.DropFirstMessages) return;
        await _executor.SendTasksAsync(worker?.Queue, envelope, tasks.Length, _stop.Token).ConfigureAwait(false);
    }

    /// <summary>
    /// The small inputs of these tasks (a partition's descriptor, a small chunk), each once and up to the message's
    /// budget (of bytes and of inputs, as a worker reads it), to travel inside the message: the worker need not ask the
    /// driver for them. Larger ones (a model, an index) are fetched, once per worker, rather than riding along in every
    /// message; so are those the message's worker already holds (a partition placed where it was loaded, round after round).
    /// </summary>
    private List<InlineInput> InlineInputs(Entry[] tasks, Guid? worker)
    {
        var inline = new List<InlineInput>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        foreach (var id in tasks.SelectMany(t => t.Inputs))
        {
            if (!seen.Add(id) || _executor.Blobs.Find(Id, id) is not { Length: <= WireLimits.InlineInputBytes } blob) continue;
            if (worker is { } holder && _executor.Holds(holder, id)) continue;
            if (total + blob.Length > WireLimits.MaxInlineBytesPerMessage) continue;
            if (inline.Count == WireLimits.MaxInlineInputsPerMessage) break;
            var bytes = new byte[blob.Length];
            blob.Read(0, bytes);
            inline.Add(new InlineInput(id, blob.Format, bytes));
            total += bytes.Length;
        }
        return inline;
    }

    private void Requeue(IEnumerable<Entry> entries)
    {
        lock (_gate)
            foreach (var e in entries.Reverse())
                if (_inFlight.Remove(e.Key))
                {
                    e.PlacedOn = null;
                    _queued.AddFirst(e);
                }
        _wake.Release();
    }

    /// <summary>Tasks in flight while every live worker sits idle for a while: their messages were lost; send them again.</summary>
    private void CheckStall()
    {
        var (workers, _, _, busy) = _executor.Workers.Snapshot();
        List<Entry> missing;
        lock (_gate)
        {
            if (_done != _lastDone || busy > 0 || workers == 0 || _inFlight.Count == 0 || !_executor.BrokerHealthy)
            {
                _lastDone = _done;
                _progressAt = Stopwatch.GetTimestamp();
                return;
            }
            if (Stopwatch.GetElapsedTime(_progressAt) < _executor.Options.StallTimeout) return;
            _progressAt = Stopwatch.GetTimestamp();
            missing = [.. _inFlight.Values];
        }
        if (++_resends > _executor.Options.MaxResends)
            throw new ClusterException($"{missing.Count} tasks never came back although workers were idle, even after sending them " +
                $"{_executor.Options.MaxResends} more times; see the workers' logs.");
        _executor.Log($"{missing.Count} tasks are outstanding but every worker is idle: their messages were lost; sending them again");
        Requeue(missing);
    }

    private async Task SendCancellationsAsync()
    {
        TaskKey[] keys;
        lock (_gate)
        {
            if (_toCancel.Count == 0) return;
            keys = [.. _toCancel];
            _toCancel.Clear();
        }
        await _executor.SendControlAsync(Control.CancelTasks(_executor.DriverId, Id, keys)).ConfigureAwait(false);
    }

    private void Report()
    {
        _options.Progress?.Report(Progress);
    }

    public async ValueTask DisposeAsync()
    {
        bool unfinished;
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            unfinished = _queued.Count > 0 || _inFlight.Count > 0;
            _queued.Clear();
            _inFlight.Clear();
        }
        _stop.Cancel();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _outcomes.Writer.TryComplete();
        _executor.Remove(this);
        if (unfinished) await _executor.SendControlAsync(Control.CancelJob(_executor.DriverId, Id)).ConfigureAwait(false);
    }

    /// <summary>Turns "no worker" and "no broker" into a notice after a few seconds and a ClusterException after the timeouts.</summary>
    private sealed class Watchdog(ClusterExecutor executor)
    {
        private long? _noWorkerSince, _brokerLostSince;
        private bool _noWorkerNoticed;

        /// <param name="complete">Whether every task is submitted (a streamed job submits as it reads).</param>
        public void Check(int done, int outstanding, bool complete)
        {
            var options = executor.Options;
            string unfinished = complete ? $"{outstanding} of {done + outstanding} tasks unfinished"
                : $"tasks unfinished: {outstanding} sent and {done} done so far, the rest not yet sent";
            if (!executor.BrokerHealthy)
            {
                if (_brokerLostSince is null)
                {
                    _brokerLostSince = Stopwatch.GetTimestamp();
                    executor.Log($"lost the connection to RabbitMQ; waiting up to {options.BrokerTimeout.TotalSeconds:0} s for it to return");
                }
                else if (Stopwatch.GetElapsedTime(_brokerLostSince.Value) > options.BrokerTimeout)
                    throw new ClusterException($"Lost the connection to RabbitMQ at {executor.Address.Endpoint} for more than " +
                        $"{options.BrokerTimeout.TotalSeconds:0} s; {unfinished}.");
                _noWorkerSince = null;   // heartbeats cannot arrive while the broker is away
                return;
            }
            if (_brokerLostSince is not null)
            {
                executor.Log("connection to RabbitMQ is back");
                _brokerLostSince = null;
            }
            if (executor.Workers.Snapshot().Workers > 0)
            {
                if (_noWorkerNoticed) executor.Log("a worker is connected again");
                _noWorkerSince = null;
                _noWorkerNoticed = false;
                return;
            }
            _noWorkerSince ??= Stopwatch.GetTimestamp();
            var waited = Stopwatch.GetElapsedTime(_noWorkerSince.Value);
            if (waited > options.NoWorkerTimeout)
                throw new ClusterException($"No worker connected to cluster '{executor.Address.Cluster}' at {executor.Address.Endpoint} for " +
                    $"{options.NoWorkerTimeout.TotalSeconds:0} s; {unfinished}. Start one with: scalearn worker --broker {executor.Address}");
            if (!_noWorkerNoticed && waited > options.NoWorkerNotice)
            {
                _noWorkerNoticed = true;
                executor.Log($"no worker connected; waiting up to {options.NoWorkerTimeout.TotalSeconds:0} s " +
                    $"(start one with: scalearn worker --broker {executor.Address})");
            }
        }
    }
}
