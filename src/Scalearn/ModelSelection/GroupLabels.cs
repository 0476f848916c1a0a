using System.Text;

namespace Scalearn.ModelSelection;

/// <summary>
/// The group of each row, coded 0..Count-1 in the order numpy's <c>np.unique</c> sorts the labels (numbers
/// numerically, text by code point), which scikit-learn's group splitters depend on.
/// </summary>
public sealed class GroupLabels
{
    private GroupLabels(int[] codes, int count)
    {
        Codes = codes;
        Count = count;
    }

    /// <summary>Per row, the index of its label among the sorted distinct labels.</summary>
    public IReadOnlyList<int> Codes { get; }
    /// <summary>Number of distinct groups.</summary>
    public int Count { get; }
    public int Length => Codes.Count;

    public static GroupLabels Of(IReadOnlyList<double> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        for (int i = 0; i < labels.Count; i++)
            if (!double.IsFinite(labels[i])) throw new ArgumentException($"Group labels must be finite; row {i + 1} has {labels[i]}.");
        return Encode(labels, Comparer<double>.Default);
    }

    public static GroupLabels Of(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        for (int i = 0; i < labels.Count; i++)
            if (labels[i] is null) throw new ArgumentException($"Group labels must not be null; row {i + 1} has none.");
        return Encode(labels, Comparer<string>.Create(CompareCodePoints));
    }

    private static GroupLabels Encode<T>(IReadOnlyList<T> labels, IComparer<T> order) where T : notnull
    {
        var distinct = labels.Distinct().ToArray();
        Array.Sort(distinct, order);
        var code = new Dictionary<T, int>(distinct.Length);
        for (int i = 0; i < distinct.Length; i++) code[distinct[i]] = i;
        return new GroupLabels(labels.Select(l => code[l]).ToArray(), distinct.Length);
    }

    /// <summary>numpy compares unicode strings by code point (UTF-16 ordinal order differs past U+FFFF).</summary>
    private static int CompareCodePoints(string? a, string? b)
    {
        var x = a!.EnumerateRunes().GetEnumerator();
        var y = b!.EnumerateRunes().GetEnumerator();
        while (true)
        {
            bool hasX = x.MoveNext(), hasY = y.MoveNext();
            if (!hasX || !hasY) return hasX.CompareTo(hasY);
            int c = x.Current.Value.CompareTo(y.Current.Value);
            if (c != 0) return c;
        }
    }
}
