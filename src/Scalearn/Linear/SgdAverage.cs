using Scalearn.Estimators;

namespace Scalearn.Linear;

/// <summary>
/// scikit-learn's average for the SGD estimators: false (or 0) for no averaging, true to average the weights of every
/// update, an integer n to average from the n-th update on (true is 1). Keeps the form it was given (true stays true).
/// </summary>
public readonly record struct SgdAverage : IParamValue<SgdAverage>
{
    private readonly bool _isBool;

    private SgdAverage(int from, bool isBool)
    {
        From = from;
        _isBool = isBool;
    }

    /// <summary>The update from which weights are averaged; 0 when they are not.</summary>
    public int From { get; }

    public static implicit operator SgdAverage(bool average) => new(average ? 1 : 0, true);

    public static implicit operator SgdAverage(int from) => from >= 0 ? new(from, false)
        : throw new ParameterException("average", $"Parameter 'average' must be true, false or an integer >= 0; got {from}.");

    public object? ToRaw() => _isBool ? From > 0 : (long)From;

    public static SgdAverage FromRaw(object? raw, string parameter) => raw switch
    {
        bool b => b,
        string s when bool.TryParse(s, out bool b) => b,
        null => throw ParamConverter.Wrong(parameter, raw, "true, false or an integer >= 0"),
        _ => ParamConverter.ToInteger(raw, parameter) is var n && n >= 0 && n <= int.MaxValue ? (int)n
            : throw new ParameterException(parameter, $"Parameter '{parameter}' must be true, false or an integer >= 0; got {ParamConverter.Format(raw)}."),
    };

    public override string ToString() => _isBool ? (From > 0 ? "true" : "false") : From.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
