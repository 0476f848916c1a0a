using System.Diagnostics;
using Scalearn.Cluster.Wire;
using Scalearn.Execution;

namespace Scalearn.Cluster.Worker;

/// <summary>
/// What the worker knows of drivers and their jobs: each driver's lease (renewed every second; a driver silent past it
/// was killed, and its jobs are dropped), jobs a driver cancelled or no longer lists, and cancelled tasks. A running
/// task's token fires on any of these, so the slot frees within a second.
/// A driver that has missed a few renewals while this worker waits for an input only it can send is taken for dead at
/// once rather than at the end of its lease: the wait cannot end any other way, and it holds a message (and so a slot)
/// that the next driver's tasks are queued behind. If it was only cut off, its next renewal restores it and it sends
/// the tasks again, as after an expired lease.
/// </summary>
internal sealed class DriverLeases(TimeSpan defaultLease, TimeSpan? silentWhileFetching = null)
{
    /// <summary>The driver renews every second: this many seconds of silence are renewals missed, not a late one.</summary>
    public static readonly TimeSpan SilentWhileFetching = TimeSpan.FromSeconds(3.5);

    /// <summary>A job missing from its driver's lease is over only if the worker has known it this long (the lease may predate it).</summary>
    private static readonly TimeSpan NewJobGrace = TimeSpan.FromSeconds(3);
    private const int RememberedEnded = 10_000;

    private readonly object _gate = new();
    private readonly Dictionary<Guid, long> _leaseUntil = new();
    private readonly Dictionary<Guid, long> _heardAt = new();
    private readonly Dictionary<Guid, int> _fetching = new();
    private readonly TimeSpan _silentWhileFetching = silentWhileFetching ?? SilentWhileFetching;
    private readonly Dictionary<Guid, JobState> _jobs = new();
    private readonly HashSet<Guid> _ended = [];
    private readonly Queue<Guid> _endedOrder = new();

    internal sealed class JobState(Guid id, Guid driver)
    {
        private readonly CancellationTokenSource _cancel = new();
        private readonly Dictionary<TaskKey, CancellationTokenSource> _tasks = new();
        private readonly HashSet<TaskKey> _cancelledTasks = [];

        public Guid Id { get; } = id;
        public Guid Driver { get; } = driver;
        public long SeenAt { get; } = Stopwatch.GetTimestamp();
        public CancellationToken Token => _cancel.Token;
        public string? EndReason { get; private set; }

        public void End(string reason)
        {
            lock (_tasks) EndReason ??= reason;
            _cancel.Cancel();
        }

        public bool IsCancelled(TaskKey key)
        {
            lock (_tasks) return _cancelledTasks.Contains(key);
        }

        /// <summary>A token for one task, fired when the job ends or the task is cancelled.</summary>
        public CancellationTokenSource TaskToken(TaskKey key)
        {
            var cts = CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token);
            lock (_tasks)
            {
                _tasks[key] = cts;
                if (_cancelledTasks.Contains(key)) cts.Cancel();
            }
            return cts;
        }

        public void TaskDone(TaskKey key)
        {
            lock (_tasks) _tasks.Remove(key);
        }

        public void CancelTasks(IEnumerable<TaskKey> keys)
        {
            List<CancellationTokenSource> running = [];
            lock (_tasks)
                foreach (var key in keys)
                {
                    _cancelledTasks.Add(key);
                    if (_tasks.TryGetValue(key, out var cts)) running.Add(cts);
                }
            foreach (var cts in running) cts.Cancel();
        }
    }

    /// <summary>The job's state, or null when the job ended or its driver's lease expired (its tasks are then dropped).</summary>
    public JobState? Enter(Guid job, Guid driver)
    {
        lock (_gate)
        {
            if (_ended.Contains(job)) return null;
            if (_leaseUntil.TryGetValue(driver, out long until) && Stopwatch.GetTimestamp() > until) return null;
            if (!_leaseUntil.ContainsKey(driver))
            {
                _leaseUntil[driver] = Stopwatch.GetTimestamp() + (long)(defaultLease.TotalSeconds * Stopwatch.Frequency);
                _heardAt[driver] = Stopwatch.GetTimestamp();
            }
            if (!_jobs.TryGetValue(job, out var state))
            {
                state = new JobState(job, driver);
                _jobs[job] = state;
            }
            return state.Driver == driver ? state : null;
        }
    }

    public void OnControl(Control control)
    {
        switch (control.Type)
        {
            case ControlType.Lease:
                List<JobState> gone;
                lock (_gate)
                {
                    _leaseUntil[control.Driver] = Stopwatch.GetTimestamp() + (long)(control.ValidMs / 1000.0 * Stopwatch.Frequency);
                    _heardAt[control.Driver] = Stopwatch.GetTimestamp();
                    var listed = control.Jobs.ToHashSet();
                    gone = _jobs.Values.Where(j => j.Driver == control.Driver && !listed.Contains(j.Id)
                        && Stopwatch.GetElapsedTime(j.SeenAt) > NewJobGrace).ToList();
                }
                foreach (var job in gone) End(job.Id, "its driver ended the job");
                break;
            case ControlType.CancelJob:
                End(control.Job, "its driver cancelled the job", control.Driver);
                break;
            case ControlType.CancelTasks:
                JobState? state;
                lock (_gate) _jobs.TryGetValue(control.Job, out state);
                if (state is not null && state.Driver == control.Driver) state.CancelTasks(control.Keys);
                break;
        }
    }

    /// <summary>
    /// Marks a wait for an input that <paramref name="driver"/> sends; while one lasts, the driver's silence past
    /// <see cref="SilentWhileFetching"/> ends its jobs (see <see cref="Sweep"/>).
    /// </summary>
    public IDisposable Fetching(Guid driver)
    {
        lock (_gate) _fetching[driver] = _fetching.GetValueOrDefault(driver) + 1;
        return new FetchWait(this, driver);
    }

    private sealed class FetchWait(DriverLeases leases, Guid driver) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            lock (leases._gate)
                if (--leases._fetching[driver] == 0) leases._fetching.Remove(driver);
        }
    }

    /// <summary>Ends the jobs of drivers whose lease expired, or who went silent while this worker waits for their input; returns how many.</summary>
    public int Sweep()
    {
        List<(JobState Job, bool Silent)> expired;
        lock (_gate)
        {
            long now = Stopwatch.GetTimestamp();
            var silent = _fetching.Keys.Where(d => _heardAt.TryGetValue(d, out long heard) && Stopwatch.GetElapsedTime(heard, now) > _silentWhileFetching
                && _leaseUntil.TryGetValue(d, out long until) && now <= until).ToHashSet();
            foreach (var driver in silent) _leaseUntil[driver] = now;   // its messages still queued are dropped too, until it renews
            expired = [.. _jobs.Values.Where(j => _leaseUntil.TryGetValue(j.Driver, out long until) && now >= until).Select(j => (j, silent.Contains(j.Driver)))];
        }
        // Not remembered as ended: a driver that was only cut off from the broker renews its lease when it is back, and
        // then the tasks it sends again run.
        foreach (var (job, silent) in expired)
            End(job.Id, silent ? $"its driver has been silent for over {_silentWhileFetching.TotalSeconds:0.#} s while this worker waited for its input (it was probably killed)"
                : "its driver stopped renewing its lease (it was probably killed)", remember: false);
        return expired.Count;
    }

    /// <summary>
    /// Gives every known driver a fresh lease: called when this worker's own broker connection comes back, since it could
    /// not hear renewals while it was away.
    /// </summary>
    public void Extend()
    {
        lock (_gate)
        {
            long until = Stopwatch.GetTimestamp() + (long)(defaultLease.TotalSeconds * Stopwatch.Frequency);
            foreach (var driver in _leaseUntil.Keys.ToList())
            {
                _leaseUntil[driver] = Math.Max(_leaseUntil[driver], until);
                _heardAt[driver] = Stopwatch.GetTimestamp();
            }
        }
    }

    private void End(Guid job, string reason, Guid? driver = null, bool remember = true)
    {
        JobState? state;
        lock (_gate)
        {
            if (_jobs.TryGetValue(job, out state) && driver is { } d && state.Driver != d) return;
            _jobs.Remove(job);
            if (remember && _ended.Add(job))
            {
                _endedOrder.Enqueue(job);
                if (_endedOrder.Count > RememberedEnded) _ended.Remove(_endedOrder.Dequeue());
            }
        }
        state?.End(reason);
    }
}
