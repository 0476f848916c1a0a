using System.Diagnostics;
using Scalearn.Cluster.Messages;

namespace Scalearn.Cluster.Driver;

/// <summary>Live workers as seen from their heartbeats; a worker silent for <see cref="LiveWindow"/> counts as gone.</summary>
internal sealed class WorkerTracker(Action<string> log)
{
    public static readonly TimeSpan LiveWindow = TimeSpan.FromSeconds(3.5);

    private readonly Dictionary<string, (WorkerHeartbeat Beat, long SeenAt)> _workers = new();

    public void OnHeartbeat(WorkerHeartbeat beat)
    {
        if (string.IsNullOrEmpty(beat.Worker) || beat.Worker.Length > 200 || beat.Concurrency is < 1 or > 4096) return;
        bool joined;
        lock (_workers)
        {
            joined = !_workers.TryGetValue(beat.Worker, out var previous) || Stale(previous.SeenAt);
            _workers[beat.Worker] = (beat, Stopwatch.GetTimestamp());
        }
        if (joined) log($"worker {beat.Worker} connected ({beat.Concurrency} slots)");
    }

    public (int Workers, int Slots, int InFlight) Snapshot()
    {
        lock (_workers)
        {
            var gone = _workers.Where(kv => Stale(kv.Value.SeenAt)).Select(kv => kv.Key).ToList();
            foreach (var name in gone)
            {
                _workers.Remove(name);
                log($"worker {name} stopped sending heartbeats; its unfinished tasks go back to the queue");
            }
            return (_workers.Count, _workers.Values.Sum(w => w.Beat.Concurrency), _workers.Values.Sum(w => Math.Max(0, w.Beat.InFlight)));
        }
    }

    private static bool Stale(long seenAt) => Stopwatch.GetElapsedTime(seenAt) > LiveWindow;
}
