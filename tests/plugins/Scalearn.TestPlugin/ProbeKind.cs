using Scalearn.Execution;
using Scalearn.Execution.Wire;

namespace Scalearn.TestPlugin;

/// <summary>
/// Squares <see cref="Value"/> after optionally sleeping, allocating and reading shared inputs (its own
/// <see cref="Input"/>, which it prefers, and one <see cref="Shared"/> with other tasks), and returns a payload of
/// <see cref="PayloadBytes"/> patterned bytes: a task kind that is not the search's, for engine tests (limits,
/// cancellation, placement, input shipping, large results).
/// </summary>
public sealed record ProbeTask(long Id, long Value, int SleepMs = 0, int AllocateMb = 0, bool IgnoreCancel = false, string? Input = null, int PayloadBytes = 0,
    string? Shared = null);

/// <param name="InputLength">The bytes of the task's inputs together, -1 without any.</param>
public sealed record ProbeResult(long Id, long Square, string Worker, long InputLength, byte[]? Payload = null)
{
    /// <summary>Byte <paramref name="i"/> of task <paramref name="id"/>'s payload.</summary>
    public static byte PayloadByte(long id, int i) => (byte)(i * 31 + i / 251 + id);
}

[RegisteredTaskKind]
public class ProbeKind : TaskKind<ProbeTask, ProbeResult>
{
    public override string Name => "test.probe";

    public override TaskKey Key(ProbeTask task) => new(task.Id);

    public override IReadOnlyList<string> Inputs(ProbeTask task) => new[] { task.Input, task.Shared }.OfType<string>().ToArray();

    public override string? PreferredInput(ProbeTask task) => task.Input;

    public override ProbeResult Run(ProbeTask task, TaskContext context)
    {
        var hold = new List<byte[]>();
        for (int i = 0; i < task.AllocateMb / 10; i++)
        {
            var block = new byte[10 << 20];
            Array.Fill(block, (byte)1);
            hold.Add(block);
            FitInterruption.Check();
            Thread.Sleep(5);
        }
        var end = DateTime.UtcNow.AddMilliseconds(task.SleepMs);
        while (DateTime.UtcNow < end)
        {
            if (!task.IgnoreCancel) FitInterruption.Check();
            Thread.Sleep(5);
        }
        var inputs = Inputs(task);
        long length = inputs.Count == 0 ? -1 : inputs.Sum(id => context.Input<byte[]>(id).LongLength);
        GC.KeepAlive(hold);
        var payload = new byte[task.PayloadBytes];
        for (int i = 0; i < payload.Length; i++) payload[i] = ProbeResult.PayloadByte(task.Id, i);
        return new ProbeResult(task.Id, task.Value * task.Value, context.Worker, length, payload);
    }

    public override ProbeResult Failure(ProbeTask task, string error) => new(task.Id, -1, "", -1);

    public override void WriteTask(ProbeTask task, WireWriter writer)
    {
        writer.Int64(task.Id);
        writer.Int64(task.Value);
        writer.Int32(task.SleepMs);
        writer.Int32(task.AllocateMb);
        writer.Bool(task.IgnoreCancel);
        writer.String(task.Input);
        writer.Int32(task.PayloadBytes);
        writer.String(task.Shared);
    }

    public override ProbeTask ReadTask(WireReader reader) =>
        new(reader.Int64(), reader.Int64(), reader.Int32(0, 3_600_000, "Sleep"), reader.Int32(0, 1 << 16, "Allocation"), reader.Bool(), reader.NullableString(64),
            reader.Int32(0, 1 << 30, "Payload"), reader.NullableString(64));

    public override void WriteResult(ProbeResult result, WireWriter writer)
    {
        writer.Int64(result.Id);
        writer.Int64(result.Square);
        writer.String(result.Worker);
        writer.Int64(result.InputLength);
        writer.Bytes(result.Payload ?? []);
    }

    public override ProbeResult ReadResult(WireReader reader) => new(reader.Int64(), reader.Int64(), reader.String(256), reader.Int64(), reader.Bytes());

    public override string? Mismatch(ProbeTask task, ProbeResult result)
    {
        if (result.Id != task.Id) return $"result for task {result.Id}, not {task.Id}";
        if (result.Square < 0) return "a square cannot be negative";
        var payload = result.Payload ?? [];
        if (payload.Length != task.PayloadBytes) return $"a payload of {payload.Length} bytes, not {task.PayloadBytes}";
        for (int i = 0; i < payload.Length; i++)
            if (payload[i] != ProbeResult.PayloadByte(task.Id, i)) return $"payload byte {i} is {payload[i]}, not {ProbeResult.PayloadByte(task.Id, i)}";
        return null;
    }

    public override long Rows(ProbeTask task, ProbeResult result) => 1;
}

/// <summary>The probe kind as a data-parallel kind places its tasks: each preferred input on one worker, spread over the workers.</summary>
[RegisteredTaskKind]
public sealed class SpreadProbeKind : ProbeKind
{
    public override string Name => "test.probe-spread";

    public override bool SpreadPreferredInputs => true;
}
