using Scalearn.Estimators;

namespace Scalearn.ModelSelection.Tuning;

/// <summary>A parameter exists only while <see cref="Parent"/> exists and has one of <see cref="Values"/>.</summary>
public sealed record ParamCondition(string Parent, IReadOnlyList<object?> Values)
{
    public bool HoldsFor(object? parentValue) => Values.Any(v => RawValues.Equal(v, parentValue));

    public override string ToString() =>
        Values.Count == 1 ? $"{Parent}={ParamConverter.Format(Values[0])}" : $"{Parent} in [{string.Join(", ", Values.Select(ParamConverter.Format))}]";
}
