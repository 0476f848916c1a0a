namespace Scalearn.Data.Tables;

/// <summary>
/// Codes a text target while a reader parses it: each label becomes an index into the class names. With the class
/// names given up front the codes are final at once (and a label outside them is refused); otherwise codes follow the
/// order labels first appear and <see cref="Finish"/> renumbers them in sorted order once the whole file is read.
/// </summary>
internal sealed class TargetLabels
{
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _names = [];

    public TargetLabels(IReadOnlyList<string>? sortedNames)
    {
        _lookup = _codes.GetAlternateLookup<ReadOnlySpan<char>>();
        if (sortedNames is null) return;
        IsFixed = true;
        foreach (var name in sortedNames) Add(name);
    }

    /// <summary>The labels were given up front: codes are final and unknown labels are refused.</summary>
    public bool IsFixed { get; }

    /// <summary>The code of <paramref name="label"/>; -1 when the names are fixed and do not include it.</summary>
    public int Code(ReadOnlySpan<char> label)
    {
        if (_lookup.TryGetValue(label, out int code)) return code;
        return IsFixed ? -1 : Add(label.ToString());
    }

    /// <summary>The labels, for a message about one that is not among them.</summary>
    public string Describe(int max = 10) =>
        string.Join(", ", _names.Take(max).Select(n => $"'{n}'")) + (_names.Count > max ? $", ... ({_names.Count} in all)" : "");

    /// <summary>
    /// The sorted class names; the codes in <paramref name="y"/> (in first-seen order unless fixed) are renumbered
    /// in place to index them.
    /// </summary>
    public string[] Finish(Span<double> y)
    {
        if (IsFixed) return [.. _names];
        var sorted = _names.Order(StringComparer.Ordinal).ToArray();
        var rank = new double[_names.Count];
        for (int k = 0; k < sorted.Length; k++) rank[_codes[sorted[k]]] = k;
        for (int i = 0; i < y.Length; i++) y[i] = rank[(int)y[i]];
        return sorted;
    }

    private int Add(string name)
    {
        int code = _names.Count;
        _codes.Add(name, code);
        _names.Add(name);
        return code;
    }
}
