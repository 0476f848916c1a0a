namespace Scalearn.ModelSelection.Tuning;

/// <summary>Equality of raw parameter values as Python compares them: 2 == 2.0, lists element by element.</summary>
internal static class RawValues
{
    public static bool Equal(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (bool x, bool y) => x == y,
        (bool, _) or (_, bool) => false,
        (long or int or double, long or int or double) => Convert.ToDouble(a) == Convert.ToDouble(b),
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        (object?[] x, object?[] y) => x.Length == y.Length && x.Zip(y).All(p => Equal(p.First, p.Second)),
        _ => a.Equals(b),
    };
}
