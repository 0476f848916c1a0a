using Scalearn.Estimators;

namespace Scalearn.Preprocessing;

/// <summary>
/// OneHotEncoder's categories: "auto" (learned from the data) or one list per input column (numeric features first,
/// then text columns): sorted numbers for a numeric feature, strings (kept in the given order) for a text column.
/// Fixed categories keep the encoding identical across cross-validation folds.
/// </summary>
public sealed class EncoderCategories : IParamValue<EncoderCategories>
{
    private const string Parameter = "categories";
    private const string Expected = "'auto' or a list with one list of categories per input column (sorted numbers or strings)";

    private EncoderCategories(IReadOnlyList<Array>? lists) => Lists = lists;

    public static EncoderCategories Auto { get; } = new(null);

    /// <summary>Null for "auto"; otherwise per column either double[] or string[].</summary>
    public IReadOnlyList<Array>? Lists { get; }

    public bool IsAuto => Lists is null;

    /// <summary>Fixed categories, one array (double[] or string[]) per input column.</summary>
    public static EncoderCategories Of(params Array[] lists) => FromRaw(lists, Parameter);

    public object? ToRaw() => Lists is null ? "auto" : Lists.Select(l => (object?)l.Cast<object?>().ToArray()).ToArray();

    public static EncoderCategories FromRaw(object? raw, string parameter)
    {
        if (raw is string s && s.Equals("auto", StringComparison.OrdinalIgnoreCase)) return Auto;
        if (raw is not System.Collections.IEnumerable outer || raw is string) throw ParamConverter.Wrong(parameter, raw, Expected);
        var lists = new List<Array>();
        foreach (var item in outer)
        {
            if (item is not System.Collections.IEnumerable inner || item is string) throw ParamConverter.Wrong(parameter, item, Expected);
            var values = inner.Cast<object?>().ToArray();
            lists.Add(values.All(v => v is string) ? (Array)CheckStrings(values.Cast<string>().ToArray(), parameter, lists.Count)
                : CheckNumbers(values.Select(v => v is null or string ? throw Mixed(parameter, lists.Count) : ParamConverter.ToDouble(v, parameter)).ToArray(), parameter, lists.Count));
        }
        return new EncoderCategories(lists);
    }

    public override string ToString() => Lists is null ? "auto"
        : "[" + string.Join(", ", Lists.Select(l => "[" + string.Join(", ", l.Cast<object?>().Select(ParamConverter.Format)) + "]")) + "]";

    private static string[] CheckStrings(string[] values, string parameter, int column)
    {
        if (values.Distinct(StringComparer.Ordinal).Count() != values.Length)
            throw new ParameterException(parameter, $"Parameter '{parameter}': the categories of column {column} contain duplicates.");
        return values;
    }

    private static double[] CheckNumbers(double[] values, string parameter, int column)
    {
        for (int k = 1; k < values.Length; k++)
            if (!(values[k] > values[k - 1]) && !(double.IsNaN(values[k]) && k == values.Length - 1 && !double.IsNaN(values[k - 1])))
                throw new ParameterException(parameter,
                    $"Parameter '{parameter}': numeric categories of column {column} must be sorted, unique, with NaN only last.");
        return values;
    }

    private static ParameterException Mixed(string parameter, int column) =>
        new(parameter, $"Parameter '{parameter}': the categories of column {column} must be all numbers or all strings.");
}
