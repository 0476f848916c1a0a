using Scalearn.Execution.Wire;

namespace Scalearn.Cluster.Wire;

/// <summary>
/// A worker's state: its name and instance, its own task queue (for placed tasks), slots, tasks running, task messages
/// in hand, and the shared inputs it holds (so tasks can be placed where their partition is).
/// </summary>
internal sealed record Heartbeat(string Worker, Guid Instance, string Queue, int Slots, int Running, int Busy, long SentAt, IReadOnlyList<string> Resident)
{
    public byte[] Encode()
    {
        var w = new WireWriter();
        w.String(Worker);
        w.Guid(Instance);
        w.String(Queue);
        w.Int32(Slots);
        w.Int32(Running);
        w.Int32(Busy);
        w.Int64(SentAt);
        w.Strings(Resident.Take(WireLimits.MaxResidentIds).ToArray());
        return w.ToArray();
    }

    public static Heartbeat Decode(byte[] body)
    {
        var r = new WireReader(body);
        var beat = new Heartbeat(r.String(WireLimits.MaxNameBytes), r.Guid(), r.String(WireLimits.MaxNameBytes),
            r.Int32(1, 4096, "Slots"), r.Int32(0, 1 << 20, "Running"), r.Int32(0, 1 << 20, "Busy"), r.Int64(),
            r.Strings(WireLimits.MaxResidentIds, WireLimits.HashChars));
        r.End();
        if (beat.Worker.Length == 0 || !WireLimits.IsQueueName(beat.Queue)) throw new InvalidDataException("Heartbeat lacks a worker name or queue.");
        return beat;
    }
}
