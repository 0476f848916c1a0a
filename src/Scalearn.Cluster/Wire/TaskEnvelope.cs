using Scalearn.Execution;
using Scalearn.Execution.Wire;

namespace Scalearn.Cluster.Wire;

/// <summary>The body of a task message: which job of which driver, the kind, where replies go, and the encoded tasks.</summary>
internal sealed record TaskEnvelope(Guid Job, Guid Driver, string Kind, string ReplyTo, long SentAt, IReadOnlyList<(TaskKey Key, byte[] Body)> Tasks)
{
    public byte[] Encode()
    {
        var w = new WireWriter(64 + Tasks.Sum(t => t.Body.Length + 12));
        w.Guid(Job);
        w.Guid(Driver);
        w.String(Kind);
        w.String(ReplyTo);
        w.Int64(SentAt);
        w.Int32(Tasks.Count);
        foreach (var (key, body) in Tasks)
        {
            w.Int64(key.Value);
            w.Bytes(body);
        }
        return w.ToArray();
    }

    public static TaskEnvelope Decode(byte[] body)
    {
        var r = new WireReader(body);
        var job = r.Guid();
        var driver = r.Guid();
        string kind = r.String(WireLimits.MaxNameBytes);
        string replyTo = r.String(WireLimits.MaxNameBytes);
        long sentAt = r.Int64();
        int count = r.Int32(1, WireLimits.MaxTasksPerMessage, "Task count");
        var tasks = new (TaskKey, byte[])[count];
        for (int i = 0; i < count; i++) tasks[i] = (new TaskKey(r.Int64()), r.Bytes(WireLimits.MaxTaskBytes));
        r.End();
        if (job == Guid.Empty || driver == Guid.Empty) throw new InvalidDataException("Task message lacks its job or driver id.");
        if (!WireLimits.IsQueueName(replyTo)) throw new InvalidDataException("Task message's reply queue is not a plain queue name.");
        return new TaskEnvelope(job, driver, kind, replyTo, sentAt, tasks);
    }
}
