using System.Diagnostics;
using Scalearn.Cluster.Wire;

namespace Scalearn.Cluster.Driver;

/// <summary>
/// Live workers as seen from their heartbeats (a worker heartbeats only while it really consumes tasks); one silent for
/// <see cref="LiveWindow"/> counts as gone, and <see cref="Gone"/> fires so that tasks placed on it go elsewhere.
/// </summary>
internal sealed class WorkerTracker(Action<string> log)
{
    public static readonly TimeSpan LiveWindow = TimeSpan.FromSeconds(3.5);

    private readonly Dictionary<Guid, (Heartbeat Beat, long SeenAt)> _workers = new();
    private long _firstSeen;

    public event Action<Guid>? Gone;

    /// <summary>When the first heartbeat since connecting arrived (Stopwatch timestamp), 0 before.</summary>
    public long FirstSeen => Interlocked.Read(ref _firstSeen);

    public void OnHeartbeat(Heartbeat beat)
    {
        bool joined;
        lock (_workers)
        {
            joined = !_workers.TryGetValue(beat.Instance, out var previous) || Stale(previous.SeenAt);
            _workers[beat.Instance] = (beat, Stopwatch.GetTimestamp());
        }
        Interlocked.CompareExchange(ref _firstSeen, Stopwatch.GetTimestamp(), 0);
        if (joined) log($"worker {beat.Worker} connected ({beat.Slots} slots)");
    }

    public (int Workers, int Slots, int Running, int Busy) Snapshot()
    {
        List<(Guid, string)> gone;
        (int, int, int, int) result;
        lock (_workers)
        {
            gone = _workers.Where(kv => Stale(kv.Value.SeenAt)).Select(kv => (kv.Key, kv.Value.Beat.Worker)).ToList();
            foreach (var (instance, _) in gone) _workers.Remove(instance);
            var live = _workers.Values.Select(w => w.Beat).ToList();
            result = (live.Count, live.Sum(w => w.Slots), live.Sum(w => w.Running), live.Sum(w => w.Busy));
        }
        foreach (var (instance, name) in gone)
        {
            log($"worker {name} stopped sending heartbeats; its unfinished tasks go to other workers");
            Gone?.Invoke(instance);
        }
        return result;
    }

    public bool IsLive(Guid instance)
    {
        lock (_workers) return _workers.TryGetValue(instance, out var w) && !Stale(w.SeenAt);
    }

    /// <summary>The live workers with their own queues and slots, in a stable order.</summary>
    public List<(Guid Instance, string Queue, int Slots)> Live()
    {
        lock (_workers)
            return [.. _workers.Where(kv => !Stale(kv.Value.SeenAt)).OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value.Beat.Queue, kv.Value.Beat.Slots))];
    }

    /// <summary>A live worker that holds input <paramref name="id"/> (it says so, or fetched it from this driver), with its own queue.</summary>
    public (Guid Instance, string Queue)? Holder(string id, Func<string, bool> fetchedBy)
    {
        lock (_workers)
        {
            foreach (var (instance, worker) in _workers)
                if (Holds(worker, id, fetchedBy)) return (instance, worker.Beat.Queue);
        }
        return null;
    }

    /// <summary>Whether live worker <paramref name="instance"/> holds input <paramref name="id"/>.</summary>
    public bool Holds(Guid instance, string id, Func<string, bool> fetchedBy)
    {
        lock (_workers)
            return _workers.TryGetValue(instance, out var w) && Holds(w, id, fetchedBy);
    }

    /// <summary>Every live worker holding <paramref name="id"/>, in a fixed order, with its slots.</summary>
    public List<(Guid Instance, string Queue, int Slots)> Holders(string id, Func<string, bool> fetchedBy)
    {
        lock (_workers)
            return [.. _workers.Where(kv => Holds(kv.Value, id, fetchedBy)).OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value.Beat.Queue, kv.Value.Beat.Slots))];
    }

    /// <summary>A live worker holds an input it says it holds, or one it fetched from this driver.</summary>
    private static bool Holds((Heartbeat Beat, long SeenAt) worker, string id, Func<string, bool> fetchedBy) =>
        !Stale(worker.SeenAt) && (worker.Beat.Resident.Contains(id) || fetchedBy(worker.Beat.Worker));

    private static bool Stale(long seenAt) => Stopwatch.GetElapsedTime(seenAt) > LiveWindow;
}
