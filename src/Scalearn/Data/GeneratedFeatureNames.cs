using System.Collections;

namespace Scalearn.Data;

/// <summary>The names x0, x1, ... of a dataset built without names; its type marks the data as unnamed.</summary>
internal sealed class GeneratedFeatureNames(int count) : IReadOnlyList<string>
{
    private readonly string[] _names = Enumerable.Range(0, count).Select(i => $"x{i}").ToArray();

    public string this[int index] => _names[index];

    public int Count => _names.Length;

    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_names).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _names.GetEnumerator();
}
