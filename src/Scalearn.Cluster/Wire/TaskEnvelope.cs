using Scalearn.Execution;
using Scalearn.Execution.Wire;

namespace Scalearn.Cluster.Wire;

/// <summary>
/// The body of a task message: which job of which driver, the kind, where replies go, the encoded tasks, and the small
/// shared inputs of those tasks (<see cref="InlineInput"/>), which the worker then need not fetch.
/// </summary>
internal sealed record TaskEnvelope(Guid Job, Guid Driver, string Kind, string ReplyTo, long SentAt, IReadOnlyList<(TaskKey Key, byte[] Body)> Tasks,
    IReadOnlyList<InlineInput>? Inline = null)
{
    private Dictionary<string, InlineInput>? _inlineById;

    /// <summary>The copy of input <paramref name="id"/> this message carries, if any.</summary>
    public InlineInput? InlineCopy(string id)
    {
        if (Inline is not { Count: > 0 }) return null;
        _inlineById ??= Inline.ToDictionary(i => i.Id, StringComparer.Ordinal);
        return _inlineById.GetValueOrDefault(id);
    }

    public byte[] Encode()
    {
        var inline = Inline ?? [];
        var w = new WireWriter(64 + Tasks.Sum(t => t.Body.Length + 12) + inline.Sum(i => i.Bytes.Length + 96));
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
        w.Int32(inline.Count);
        foreach (var input in inline)
        {
            w.String(input.Id);
            w.String(input.Format);
            w.Bytes(input.Bytes);
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
        var inline = ReadInline(r);
        r.End();
        if (job == Guid.Empty || driver == Guid.Empty) throw new InvalidDataException("Task message lacks its job or driver id.");
        if (!WireLimits.IsQueueName(replyTo)) throw new InvalidDataException("Task message's reply queue is not a plain queue name.");
        return new TaskEnvelope(job, driver, kind, replyTo, sentAt, tasks, inline);
    }

    private static InlineInput[] ReadInline(WireReader r)
    {
        int count = r.Int32(0, WireLimits.MaxInlineInputsPerMessage, "Inline input count");
        var inline = new InlineInput[count];
        var ids = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        for (int i = 0; i < count; i++)
        {
            string id = r.String(WireLimits.MaxNameBytes);
            if (!WireLimits.IsContentHash(id)) throw new InvalidDataException($"Inline input id '{WireLimits.Short(id)}' is not a content hash.");
            if (!ids.Add(id)) throw new InvalidDataException($"Inline input {WireLimits.Short(id)} comes twice in one task message.");
            string format = r.String(WireLimits.MaxNameBytes);
            byte[] bytes;
            try
            {
                bytes = r.Bytes(WireLimits.InlineInputBytes);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"Inline input {WireLimits.Short(id)} is malformed (at most {WireLimits.InlineInputBytes} bytes travel inline): {e.Message}", e);
            }
            total += bytes.Length;
            if (total > WireLimits.MaxInlineBytesPerMessage)
                throw new InvalidDataException($"The inline inputs of a task message hold more than {WireLimits.MaxInlineBytesPerMessage} bytes.");
            inline[i] = new InlineInput(id, format, bytes);
        }
        return inline;
    }
}
