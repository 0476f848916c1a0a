using Scalearn.Estimators;

namespace Scalearn.ModelSelection.Tuning;

/// <summary>An integer in [Low, High] (both included, as in Optuna), uniform or log-uniform.</summary>
public sealed record IntDistribution : Distribution
{
    public IntDistribution(long low, long high, bool log = false)
    {
        if (low > high) throw new ArgumentException($"An integer range needs low <= high; got [{low}, {high}].");
        if (log && low < 1) throw new ArgumentException($"A log-scaled integer range needs 1 <= low; got low = {low}.");
        Low = low;
        High = high;
        Log = log;
    }

    public long Low { get; }
    public long High { get; }
    public bool Log { get; }

    public override bool Single => Low == High;

    public override bool Contains(object? value) => value is long l && l >= Low && l <= High;

    /// <summary>Half a step beyond each end, so the end values are as likely as the others (Optuna's transform).</summary>
    public override object? SampleUniform(Func<double> uniform)
    {
        double low = Log ? Math.Log(Low - 0.5) : Low - 0.5, high = Log ? Math.Log(High + 0.5) : High + 0.5;
        double x = low + (high - low) * uniform();
        return Round(Log ? Math.Exp(x) : x);
    }

    /// <summary>The nearest integer in range (halves to even, as numpy rounds).</summary>
    internal long Round(double x) => (long)Math.Clamp(Log ? Math.Round(x) : Math.Round(x - Low) + Low, Low, High);

    internal override double ToInternal(object? value) => (long)value!;

    internal override object? First => Low;

    internal override object? ToExternal(double value) => (long)value;

    public override string Describe() => $"{(Log ? "lograndint" : "randint")}[{Low}, {High + 1})";
}
