using Scalearn.Estimators;

namespace Scalearn.ModelSelection.Tuning;

/// <summary>One of a list of raw values (any mix of strings, numbers, booleans and null), unordered.</summary>
public sealed record CategoricalDistribution : Distribution
{
    public CategoricalDistribution(IReadOnlyList<object?> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        if (choices.Count == 0) throw new ArgumentException("A categorical parameter needs at least one choice.");
        for (int i = 0; i < choices.Count; i++)
            for (int j = 0; j < i; j++)
                if (RawValues.Equal(choices[i], choices[j]))
                    throw new ArgumentException($"The choice {ParamConverter.Format(choices[i])} is listed twice.");
        Choices = choices.ToArray();
    }

    public IReadOnlyList<object?> Choices { get; }

    public override bool Single => Choices.Count == 1;

    public override bool Contains(object? value) => IndexOf(value) >= 0;

    public int IndexOf(object? value)
    {
        for (int i = 0; i < Choices.Count; i++) if (RawValues.Equal(Choices[i], value)) return i;
        return -1;
    }

    /// <summary>The first largest of one uniform draw per choice (Optuna's one-hot transform, untransformed by argmax).</summary>
    public override object? SampleUniform(Func<double> uniform)
    {
        int best = 0;
        double max = double.NegativeInfinity;
        for (int i = 0; i < Choices.Count; i++)
        {
            double u = uniform();
            if (u > max) (max, best) = (u, i);
        }
        return Choices[best];
    }

    internal override double ToInternal(object? value) => IndexOf(value);

    internal override object? First => Choices[0];

    internal override object? ToExternal(double value) => Choices[(int)value];

    public override string Describe() => "[" + string.Join(", ", Choices.Select(ParamConverter.Format)) + "]";

    public bool Equals(CategoricalDistribution? other) =>
        other is not null && other.Choices.Count == Choices.Count && Choices.Zip(other.Choices).All(p => RawValues.Equal(p.First, p.Second));

    public override int GetHashCode() => Choices.Count;
}
