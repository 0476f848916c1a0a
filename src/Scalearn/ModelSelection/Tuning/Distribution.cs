namespace Scalearn.ModelSelection.Tuning;

/// <summary>
/// The values one parameter of a <see cref="SearchSpace"/> may take (Optuna's distributions). A tuner works on the
/// "internal" form of a value (a double: the number itself, or a categorical choice's index) and hands the raw form
/// (long, double, string, bool, null) to the estimator.
/// </summary>
public abstract record Distribution
{
    /// <summary>Only one value is possible, so nothing is sampled.</summary>
    public abstract bool Single { get; }

    /// <summary>True when <paramref name="value"/> (raw form) is one of this distribution's values.</summary>
    public abstract bool Contains(object? value);

    /// <summary>A value drawn uniformly (in log space for log-scaled ranges) from <paramref name="uniform"/>'s [0, 1) draws, as Optuna's RandomSampler does.</summary>
    public abstract object? SampleUniform(Func<double> uniform);

    /// <summary>The number a tuner models: the value itself, or a choice's index.</summary>
    internal abstract double ToInternal(object? value);

    internal abstract object? ToExternal(double value);

    /// <summary>The value of a <see cref="Single"/> distribution (its low end or only choice).</summary>
    internal abstract object? First { get; }

    /// <summary>scikit-learn-style spelling, e.g. <c>loguniform[0.001, 1000]</c>.</summary>
    public abstract string Describe();
}
