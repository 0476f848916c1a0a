using Scalearn.Estimators;

namespace Scalearn.ModelSelection.Tuning;

/// <summary>A real number in [Low, High], uniform or log-uniform (Optuna's FloatDistribution without step).</summary>
public sealed record FloatDistribution : Distribution
{
    public FloatDistribution(double low, double high, bool log = false)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high) || low > high)
            throw new ArgumentException($"A float range needs finite bounds with low <= high; got [{ParamConverter.Format(low)}, {ParamConverter.Format(high)}].");
        if (log && low <= 0)
            throw new ArgumentException($"A log-scaled float range needs 0 < low; got low = {ParamConverter.Format(low)}.");
        Low = low;
        High = high;
        Log = log;
    }

    public double Low { get; }
    public double High { get; }
    public bool Log { get; }

    public override bool Single => Low == High;

    public override bool Contains(object? value) => value is double d && d >= Low && d <= High;

    public override object? SampleUniform(Func<double> uniform)
    {
        double low = Log ? Math.Log(Low) : Low, high = Log ? Math.Log(High) : High;
        double x = low + (high - low) * uniform();
        if (Log) x = Math.Exp(x);
        return Single ? x : Math.Min(x, Math.BitDecrement(High));
    }

    internal override double ToInternal(object? value) => (double)value!;

    internal override object? First => Low;

    internal override object? ToExternal(double value) => value;

    public override string Describe() => $"{(Log ? "loguniform" : "uniform")}[{ParamConverter.Format(Low)}, {ParamConverter.Format(High)}]";
}
