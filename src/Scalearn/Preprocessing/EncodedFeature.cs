using System.Globalization;

namespace Scalearn.Preprocessing;

/// <summary>One input column of a fitted <see cref="OneHotEncoderModel"/>: its sorted categories and the dropped one (-1: none).</summary>
public sealed class EncodedFeature
{
    private readonly Dictionary<string, int>? _textIndex;

    private EncodedFeature(string name, double[]? numeric, string[]? text, int droppedIndex)
    {
        Name = name;
        NumericCategories = numeric;
        TextCategories = text;
        DroppedIndex = droppedIndex;
        if (text is not null)
        {
            _textIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int k = 0; k < text.Length; k++)
            {
                if (text[k] is null && k < text.Length - 1) throw new ArgumentException($"Column '{name}': the missing-value category (null) must come last.");
                if (text[k] is not null) _textIndex.Add(text[k], k);
            }
        }
        if (droppedIndex < -1 || droppedIndex >= CategoryCount)
            throw new ArgumentOutOfRangeException(nameof(droppedIndex), $"Dropped category {droppedIndex} of column '{name}' is out of range.");
        OutputNames = Enumerable.Range(0, CategoryCount).Where(k => k != droppedIndex).Select(k => $"{name}_{CategoryLabel(k)}").ToArray();
    }

    public static EncodedFeature Numeric(string name, double[] categories, int droppedIndex) => new(name, categories, null, droppedIndex);
    public static EncodedFeature Text(string name, string[] categories, int droppedIndex) => new(name, null, categories, droppedIndex);

    public string Name { get; }
    public bool IsText => TextCategories is not null;

    /// <summary>Sorted numeric categories (NaN last), or null for a text column.</summary>
    public IReadOnlyList<double>? NumericCategories { get; }

    /// <summary>Ordinally sorted string categories (a null last stands for missing values), or null for a numeric feature.</summary>
    public IReadOnlyList<string>? TextCategories { get; }

    public int DroppedIndex { get; }

    /// <summary>Whether NaN (null for text) is one of the categories (it sorts last): the column had missing values during fit.</summary>
    public bool HasMissingCategory => NumericCategories is { Count: > 0 } c ? double.IsNaN(c[^1]) : TextCategories is { Count: > 0 } t && t[^1] is null;
    public int CategoryCount => NumericCategories?.Count ?? TextCategories!.Count;

    /// <summary>Output columns of this feature (categories minus the dropped one), named "name_category".</summary>
    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>The category's position, or -1 when it was not seen during fit.</summary>
    public int IndexOf(double value)
    {
        var categories = NumericCategories!;
        if (double.IsNaN(value)) return categories.Count > 0 && double.IsNaN(categories[^1]) ? categories.Count - 1 : -1;
        int lo = 0, hi = categories.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            double c = categories[mid];
            if (c == value) return mid;
            if (double.IsNaN(c) || c > value) hi = mid - 1;
            else lo = mid + 1;
        }
        return -1;
    }

    /// <summary>The category's position (null: the missing-value category), or -1 when it was not seen during fit.</summary>
    public int IndexOf(string? value) => value is null ? (HasMissingCategory ? CategoryCount - 1 : -1) : _textIndex!.TryGetValue(value, out int k) ? k : -1;

    /// <summary>How a category appears in output names: strings as-is, numbers as Python prints a float (1.0, 2.5, nan); missing as nan.</summary>
    public string CategoryLabel(int k) => TextCategories is not null ? TextCategories[k] ?? "nan" : FormatNumber(NumericCategories![k]);

    internal static string FormatNumber(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        string s = value.ToString("R", CultureInfo.InvariantCulture);
        if (s.Contains('E')) return s.Replace("E", "e");
        return s.Contains('.') ? s : s + ".0";
    }
}
