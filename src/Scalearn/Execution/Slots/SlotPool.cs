using System.Diagnostics;

namespace Scalearn.Execution.Slots;

/// <summary>
/// A fixed number of task slots on dedicated threads, shared by every job of an executor or worker: jobs take turns
/// (round robin), so <c>slots = 2</c> means two busy cores however many jobs are open. Each task runs inside a
/// <see cref="FitInterruption"/> scope whose token fires on cancellation and on the <see cref="TaskLimits"/>: a task past
/// its time limit, or the largest task when the process passes its memory budget, fails with a
/// <see cref="TaskLimitException"/> naming the limit. A task that ignores its token past the grace period is abandoned
/// (its result will be dropped) and a fresh thread takes the slot. Threads start on demand and exit when idle.
/// </summary>
internal sealed class SlotPool
{
    // Recursive learners (deep trees) get more room than the 1 MB default.
    private const int StackBytes = 16 * 1024 * 1024;
    private static readonly TimeSpan IdleExit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MonitorPeriod = TimeSpan.FromMilliseconds(200);

    private readonly object _gate = new();
    private readonly Dictionary<object, Queue<Item>> _queues = new();
    private readonly Queue<object> _turns = new();
    private readonly List<Item> _running = [];
    private readonly TaskLimits _limits;
    private readonly string _name;
    private readonly Timer _monitor;
    private int _threads, _idle, _queued, _nextThread;
    private long _lastMemoryStop;

    public SlotPool(int slots, TaskLimits limits, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        limits.Validate();
        Slots = slots;
        _limits = limits;
        _name = name;
        _monitor = new Timer(_ => Watch(), null, MonitorPeriod, MonitorPeriod);
    }

    public int Slots { get; }

    public int Running { get { lock (_gate) return _running.Count; } }

    public int Queued { get { lock (_gate) return _queued; } }

    /// <summary>
    /// Runs <paramref name="work"/> on a slot when <paramref name="owner"/>'s turn comes. Completes with its value; or
    /// cancelled when <paramref name="cancel"/> fires first; or faulted with a <see cref="TaskLimitException"/> or the
    /// work's own exception.
    /// </summary>
    public Task<T> RunAsync<T>(object owner, Func<CancellationToken, T> work, CancellationToken cancel, TimeSpan? timeout = null)
    {
        var item = new Item<T>(work, cancel, timeout ?? _limits.Timeout);
        lock (_gate)
        {
            if (!_queues.TryGetValue(owner, out var queue))
            {
                _queues[owner] = queue = new Queue<Item>();
                _turns.Enqueue(owner);
            }
            queue.Enqueue(item);
            _queued++;
            // A pulsed thread counts as idle until it wakes: with more queued items than idle threads, another
            // thread is needed (pulsing the same waiter twice would leave an item queued beside a free slot).
            if (_idle > 0) Monitor.Pulse(_gate);
            if (_queued > _idle && _threads < Slots) StartThread();
        }
        return item.Completion;
    }

    private void StartThread()
    {
        _threads++;
        var thread = new Thread(Loop, StackBytes) { IsBackground = true, Name = $"{_name}-slot-{_nextThread++}" };
        thread.Start();
    }

    private bool TryDequeue(out Item item)
    {
        while (_turns.Count > 0)
        {
            var owner = _turns.Dequeue();
            var queue = _queues[owner];
            item = queue.Dequeue();
            _queued--;
            if (queue.Count > 0) _turns.Enqueue(owner);
            else _queues.Remove(owner);
            return true;
        }
        item = null!;
        return false;
    }

    private void Loop()
    {
        // Fits running side by side share the cores: each may use its share for inner parallelism (joblib's rule).
        using var budget = ThreadBudget.Enter(ThreadBudget.Share(Slots));
        while (true)
        {
            Item item;
            lock (_gate)
            {
                while (!TryDequeue(out item))
                {
                    _idle++;
                    bool woken = Monitor.Wait(_gate, IdleExit);
                    _idle--;
                    if (!woken && _queued == 0)
                    {
                        _threads--;
                        return;
                    }
                }
                item.Start();
                _running.Add(item);
            }
            item.Execute();
            lock (_gate)
            {
                // An abandoned item's thread was already replaced: this thread leaves the pool.
                if (item.Abandoned) return;
                _running.Remove(item);
            }
        }
    }

    private void Watch()
    {
        List<Item> running;
        lock (_gate)
        {
            if (_running.Count == 0) return;
            running = [.. _running];
        }
        foreach (var item in running)
            if (item.Timeout is { } limit && item.Elapsed > limit)
                item.Stop($"Task exceeded the time limit of {Describe(limit)} and was stopped.");
        CheckMemory(running);
        foreach (var item in running)
        {
            if (!item.StoppedLongerThan(_limits.StopGrace)) continue;
            lock (_gate)
            {
                if (item.Abandoned || !_running.Remove(item)) continue;
                item.Abandon();
                _threads--;
                if (_queued > 0 && _threads < Slots) StartThread();
            }
        }
    }

    private void CheckMemory(List<Item> running)
    {
        if (_limits.MemoryBudgetBytes is not { } budget) return;
        if (Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastMemoryStop)) < TimeSpan.FromSeconds(1)) return;
        long used = Environment.WorkingSet;
        if (used <= budget) return;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        used = Environment.WorkingSet;
        if (used <= budget) return;
        var largest = running.Where(i => !i.Stopping).MaxBy(i => i.Allocated);
        if (largest is null) return;
        Interlocked.Exchange(ref _lastMemoryStop, Stopwatch.GetTimestamp());
        largest.Stop($"Task was stopped: the process passed its memory budget of {Mib(budget)} ({Mib(used)} in use); " +
            "this task had allocated the most. Give the worker a larger --memory-budget or the task less to hold.");
    }

    internal static string Mib(long bytes) => $"{bytes / (1024.0 * 1024):F0} MiB";

    internal static string Describe(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{span.TotalHours:0.##} h" : span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0.##} min" : $"{span.TotalSeconds:0.###} s";

    private abstract class Item(CancellationToken cancel, TimeSpan? timeout)
    {
        private readonly CancellationTokenSource _limit = new();
        private long _startedAt, _stoppedAt;
        private volatile string? _stopReason;
        private TaskScope? _scope;

        public TimeSpan? Timeout { get; } = timeout;
        protected CancellationToken Cancel { get; } = cancel;
        public bool Abandoned { get; private set; }
        public bool Stopping => _stopReason is not null;
        public long Allocated => _scope?.Allocated ?? 0;
        public TimeSpan Elapsed => Stopwatch.GetElapsedTime(Interlocked.Read(ref _startedAt));
        protected string? StopReason => _stopReason;

        public void Start() => Interlocked.Exchange(ref _startedAt, Stopwatch.GetTimestamp());

        public void Stop(string reason)
        {
            if (_stopReason is not null) return;
            _stopReason = reason;
            Interlocked.Exchange(ref _stoppedAt, Stopwatch.GetTimestamp());
            _limit.Cancel();
        }

        public bool StoppedLongerThan(TimeSpan grace)
        {
            long at = Interlocked.Read(ref _stoppedAt);
            return at != 0 && Stopwatch.GetElapsedTime(at) > grace;
        }

        public void Abandon()
        {
            Abandoned = true;
            Fail(new TaskLimitException(_stopReason + " It did not stop within the grace period, so its slot was given to the next task."));
        }

        public void Execute()
        {
            if (Cancel.IsCancellationRequested)
            {
                Cancelled();
                return;
            }
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(Cancel, _limit.Token);
            _scope = new TaskScope(linked.Token);
            try
            {
                using (FitInterruption.Enter(_scope)) Run(linked.Token);
            }
            catch (Exception) when (_stopReason is not null)
            {
                Fail(new TaskLimitException(_stopReason));
            }
            catch (OperationCanceledException) when (Cancel.IsCancellationRequested)
            {
                Cancelled();
            }
            catch (OutOfMemoryException e)
            {
                GC.Collect();
                Fail(new TaskLimitException("Task ran out of memory and was stopped: " + e.Message));
            }
            catch (Exception e)
            {
                Fail(e);
            }
        }

        protected abstract void Run(CancellationToken token);
        protected abstract void Fail(Exception e);
        protected abstract void Cancelled();
    }

    private sealed class Item<T>(Func<CancellationToken, T> work, CancellationToken cancel, TimeSpan? timeout)
        : Item(cancel, timeout)
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<T> Completion => _completion.Task;

        protected override void Run(CancellationToken token)
        {
            var value = work(token);
            if (StopReason is { } reason) _completion.TrySetException(new TaskLimitException(reason));
            else if (Cancel.IsCancellationRequested) _completion.TrySetCanceled(Cancel);
            else _completion.TrySetResult(value);
        }

        protected override void Fail(Exception e) => _completion.TrySetException(e);

        protected override void Cancelled() => _completion.TrySetCanceled(Cancel);
    }
}
