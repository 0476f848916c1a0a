namespace Scalearn.Execution;

/// <summary>Identifies a task within its job; a task run twice yields one result for its key.</summary>
public readonly record struct TaskKey(long Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
