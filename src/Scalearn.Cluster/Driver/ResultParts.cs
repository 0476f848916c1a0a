using Scalearn.Cluster.Wire;
using Scalearn.Execution;

namespace Scalearn.Cluster.Driver;

/// <summary>
/// Collects the parts of results too large for one message (per task and worker: a task re-run elsewhere sends its
/// own parts) until one is whole. Parts may arrive in any order, and twice.
/// </summary>
internal sealed class ResultParts
{
    private readonly Dictionary<TaskKey, Dictionary<string, byte[]?[]>> _pending = [];
    private readonly object _gate = new();

    /// <summary>The whole result once every part of it arrived; null while some are missing.</summary>
    /// <exception cref="InvalidDataException">The parts do not agree on their count, or add up to too much.</exception>
    public byte[]? Add(string worker, ResultItem item)
    {
        if (item.Parts == 1) return item.Result;
        byte[]?[] parts;
        lock (_gate)
        {
            if (!_pending.TryGetValue(item.Key, out var byWorker)) _pending[item.Key] = byWorker = new(StringComparer.Ordinal);
            if (!byWorker.TryGetValue(worker, out parts!)) byWorker[worker] = parts = new byte[]?[item.Parts];
            else if (parts.Length != item.Parts)
                throw new InvalidDataException($"the result of task {item.Key} came in {parts.Length} parts, then in {item.Parts}");
            parts[item.Part] = item.Result;
            if (Array.IndexOf(parts, null) >= 0) return null;
            byWorker.Remove(worker);
            if (byWorker.Count == 0) _pending.Remove(item.Key);
        }
        long total = parts.Sum(p => (long)p!.Length);
        if (total > WireLimits.MaxResultBytes) throw new InvalidDataException($"the result of task {item.Key} has {total} bytes, over the limit of {WireLimits.MaxResultBytes}");
        var whole = new byte[total];
        long offset = 0;
        foreach (var part in parts)
        {
            part!.CopyTo(whole, offset);
            offset += part!.Length;
        }
        return whole;
    }

    /// <summary>Drops what arrived of <paramref name="key"/>'s result from any worker (the task is done).</summary>
    public void Forget(TaskKey key)
    {
        lock (_gate) _pending.Remove(key);
    }
}
