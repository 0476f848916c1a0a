using Scalearn.Estimators;

namespace Scalearn.ModelSelection.Halving;

/// <summary>A resource amount given as a keyword ("exhaust", "smallest", "auto") or a positive count, as scikit-learn takes them.</summary>
public readonly record struct HalvingAmount(string? Keyword, long Count)
{
    public static implicit operator HalvingAmount(string keyword) => long.TryParse(keyword, out long n) ? new(null, n) : new(keyword.Trim().ToLowerInvariant(), 0);
    public static implicit operator HalvingAmount(long count) => new(null, count);

    public bool Is(string keyword) => Keyword == keyword;

    internal HalvingAmount Check(string parameter, params string[] keywords)
    {
        if (Keyword is null ? Count > 0 : keywords.Contains(Keyword)) return this;
        throw new ParameterException(parameter, $"Parameter '{parameter}' must be {string.Join(", ", keywords.Select(k => $"'{k}'"))} or a positive integer; got {this}.");
    }

    public override string ToString() => Keyword ?? Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
