using System.Diagnostics;
using Scalearn.Cluster.Wire;
using Scalearn.Execution;

namespace Scalearn.Cluster.Worker;

/// <summary>
/// What the worker knows of drivers and their jobs: each driver's lease (renewed every second; a driver silent past it
/// was killed, and its jobs are dropped), jobs a driver cancelled or no longer lists, and cancelled tasks. A running
/// task's token fires on any of these, so the slot frees within a second.
/// </summary>
internal sealed class DriverLeases(TimeSpan defaultLease)
{
    /// <summary>A job missing from its driver's lease is over only if the worker has known it this long (the lease may predate it).</summary>
    private static readonly TimeSpan NewJobGrace = TimeSpan.FromSeconds(3);
    private const int RememberedEnded = 10_000;

    private readonly object _gate = new();
    private readonly Dictionary<Guid, long> _leaseUntil = new();
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
            if (!_leaseUntil.ContainsKey(driver)) _leaseUntil[driver] = Stopwatch.GetTimestamp() + (long)(defaultLease.TotalSeconds * Stopwatch.Frequency);
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

    /// <summary>Ends the jobs of drivers whose lease expired; returns how many.</summary>
    public int Sweep()
    {
        List<JobState> expired;
        lock (_gate)
        {
            long now = Stopwatch.GetTimestamp();
            expired = _jobs.Values.Where(j => _leaseUntil.TryGetValue(j.Driver, out long until) && now > until).ToList();
        }
        // Not remembered as ended: a driver that was only cut off from the broker renews its lease when it is back, and
        // then the tasks it sends again run.
        foreach (var job in expired) End(job.Id, "its driver stopped renewing its lease (it was probably killed)", remember: false);
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
            foreach (var driver in _leaseUntil.Keys.ToList()) _leaseUntil[driver] = Math.Max(_leaseUntil[driver], until);
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
