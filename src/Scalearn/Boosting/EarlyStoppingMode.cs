using Scalearn.Estimators;

namespace Scalearn.Boosting;

/// <summary>scikit-learn's early_stopping: 'auto' (on when the training set has more than 10,000 rows), true or false.</summary>
public readonly record struct EarlyStoppingMode : IParamValue<EarlyStoppingMode>
{
    private const int AutoThreshold = 10_000;
    private readonly bool? _value;

    private EarlyStoppingMode(bool? value) => _value = value;

    public static EarlyStoppingMode Auto => default;
    public static EarlyStoppingMode On => new(true);
    public static EarlyStoppingMode Off => new(false);

    public bool IsAuto => _value is null;

    public bool Resolve(int samples) => _value ?? samples > AutoThreshold;

    public object? ToRaw() => _value is bool b ? b : "auto";

    public static EarlyStoppingMode FromRaw(object? raw, string parameter) => raw switch
    {
        bool b => new EarlyStoppingMode(b),
        string s when s.Equals("auto", StringComparison.OrdinalIgnoreCase) => Auto,
        string s when bool.TryParse(s, out bool b) => new EarlyStoppingMode(b),
        _ => throw ParamConverter.Wrong(parameter, raw, "'auto', true or false"),
    };

    public static implicit operator EarlyStoppingMode(bool value) => new(value);

    public override string ToString() => _value is bool b ? (b ? "true" : "false") : "auto";
}
