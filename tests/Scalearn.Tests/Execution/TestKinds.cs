using Scalearn.Execution;
using Scalearn.Execution.Wire;

namespace Scalearn.Tests.Execution;

/// <summary>A task kind that is not the search's: squares a number, optionally after work given as a delegate (local tests only).</summary>
internal sealed class SquareKind(Action<long, TaskContext>? work = null) : TaskKind<long, long>
{
    public override string Name => "test.square";
    public override TaskKey Key(long task) => new(task);
    public override long Run(long task, TaskContext context)
    {
        work?.Invoke(task, context);
        return task * task;
    }
    public override long Failure(long task, string error) => -1;
    public override void WriteTask(long task, WireWriter writer) => writer.Int64(task);
    public override long ReadTask(WireReader reader) => reader.Int64();
    public override void WriteResult(long result, WireWriter writer) => writer.Int64(result);
    public override long ReadResult(WireReader reader) => reader.Int64();
    public override long Rows(long task, long result) => 1;
}
