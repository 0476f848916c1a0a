using Scalearn.Estimators;

namespace Scalearn.Svm;

/// <summary>
/// The gamma of rbf, poly and sigmoid kernels: "scale" (1 / (n_features * X.var())), "auto" (1 / n_features) or a
/// number &gt;= 0.
/// </summary>
public sealed class SvmGamma : IParamValue<SvmGamma>, IEquatable<SvmGamma>
{
    private const string Allowed = "'scale', 'auto' or a number >= 0";

    private SvmGamma(string? mode, double value)
    {
        Mode = mode;
        Value = value;
    }

    public static SvmGamma Scale { get; } = new("scale", double.NaN);
    public static SvmGamma Auto { get; } = new("auto", double.NaN);

    /// <summary><c>Gamma = 0.1</c>: a fixed gamma.</summary>
    public static implicit operator SvmGamma(double value) => Of(value);

    /// <summary><c>Gamma = "scale"</c> or "auto".</summary>
    public static implicit operator SvmGamma(string keyword) => FromRaw(keyword, "gamma");

    /// <summary>"scale" or "auto"; null for a fixed number.</summary>
    public string? Mode { get; }

    /// <summary>The fixed gamma (NaN for "scale" and "auto").</summary>
    public double Value { get; }

    public static SvmGamma Of(double value) =>
        value >= 0 && double.IsFinite(value) ? new SvmGamma(null, value)
            : throw new ParameterException("gamma", $"Parameter 'gamma' must be {Allowed}; got {ParamConverter.Format(value)}.");

    public static SvmGamma FromRaw(object? raw, string parameter) => raw switch
    {
        string s when s.Equals("scale", StringComparison.OrdinalIgnoreCase) => Scale,
        string s when s.Equals("auto", StringComparison.OrdinalIgnoreCase) => Auto,
        string s when double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && v >= 0 && double.IsFinite(v) => new SvmGamma(null, v),
        long l when l >= 0 => new SvmGamma(null, l),
        int i when i >= 0 => new SvmGamma(null, i),
        double d when d >= 0 && double.IsFinite(d) => new SvmGamma(null, d),
        _ => throw ParamConverter.Wrong(parameter, raw, Allowed),
    };

    public object? ToRaw() => Mode ?? (object)Value;

    /// <summary>The gamma to use for a training matrix of <paramref name="cols"/> features (row-major values).</summary>
    public double Resolve(ReadOnlySpan<double> values, int cols)
    {
        if (Mode is null) return Value;
        if (Mode == "auto") return 1.0 / cols;
        double mean = 0;
        foreach (double v in values) mean += v;
        mean /= values.Length;
        double variance = 0;
        foreach (double v in values) variance += (v - mean) * (v - mean);
        variance /= values.Length;
        return variance == 0 ? 1.0 : 1.0 / (cols * variance);
    }

    public bool Equals(SvmGamma? other) => other is not null && Mode == other.Mode && Value.Equals(other.Value);
    public override bool Equals(object? obj) => Equals(obj as SvmGamma);
    public override int GetHashCode() => HashCode.Combine(Mode, Value);
    public override string ToString() => Mode ?? ParamConverter.Format(Value);
}
