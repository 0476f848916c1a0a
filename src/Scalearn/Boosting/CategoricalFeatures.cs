using Scalearn.Estimators;

namespace Scalearn.Boosting;

/// <summary>
/// scikit-learn's categorical_features: null (none), a list of column indices, a boolean mask with one entry per
/// column, or a list of column names.
/// </summary>
public sealed class CategoricalFeatures : IParamValue<CategoricalFeatures>, IEquatable<CategoricalFeatures>
{
    private const string Allowed = "null, a list of column indices, a boolean mask over the columns or a list of column names";
    private readonly object[] _items;

    private CategoricalFeatures(object[] items) => _items = items;

    public static CategoricalFeatures None { get; } = new([]);

    public static CategoricalFeatures Indices(params int[] columns) => new(columns.Select(c => (object)(long)c).ToArray());

    public static CategoricalFeatures Names(params string[] columns) => new(columns.Cast<object>().ToArray());

    public static CategoricalFeatures Mask(params bool[] mask) => new(mask.Cast<object>().ToArray());

    /// <summary><c>CategoricalFeatures = new[] { 0, 3 }</c>: columns by index.</summary>
    public static implicit operator CategoricalFeatures(int[] columns) => Indices(columns);

    /// <summary><c>CategoricalFeatures = new[] { "color" }</c>: columns by name.</summary>
    public static implicit operator CategoricalFeatures(string[] columns) => Names(columns);

    /// <summary><c>CategoricalFeatures = new[] { true, false }</c>: a mask over the columns.</summary>
    public static implicit operator CategoricalFeatures(bool[] mask) => Mask(mask);

    public bool IsNone => _items.Length == 0;

    public object? ToRaw() => IsNone ? null : _items.ToArray();

    public static CategoricalFeatures FromRaw(object? raw, string parameter)
    {
        if (raw is null) return None;
        if (raw is string || raw is not System.Collections.IEnumerable list) throw ParamConverter.Wrong(parameter, raw, Allowed);
        var items = new List<object>();
        foreach (var item in list)
        {
            items.Add(item switch
            {
                bool b => b,
                string s => s,
                int or long or double => ParamConverter.ToInteger(item, parameter),
                _ => throw ParamConverter.Wrong(parameter, raw, Allowed),
            });
        }
        if (items.Select(i => i.GetType()).Distinct().Count() > 1)
            throw new ParameterException(parameter, $"Parameter '{parameter}' must be {Allowed}, not a mix of them.");
        return new CategoricalFeatures(items.ToArray());
    }

    /// <summary>The categorical column indices, sorted, for data with these column names.</summary>
    public int[] Resolve(IReadOnlyList<string> featureNames, string parameter = "categorical_features")
    {
        if (IsNone) return [];
        int n = featureNames.Count;
        var result = new SortedSet<int>();
        if (_items[0] is bool)
        {
            if (_items.Length != n)
                throw new ParameterException(parameter, $"Parameter '{parameter}' as a boolean mask needs one entry per column ({n}); got {_items.Length}.");
            for (int j = 0; j < n; j++) if ((bool)_items[j]) result.Add(j);
        }
        else
        {
            foreach (var item in _items)
            {
                int column = item is string name ? IndexOf(featureNames, name, parameter) : checked((int)(long)item);
                if (column < 0 || column >= n)
                    throw new ParameterException(parameter, $"Parameter '{parameter}' names column {column}, but the data has {n} columns (0 to {n - 1}).");
                result.Add(column);
            }
        }
        return result.ToArray();
    }

    private static int IndexOf(IReadOnlyList<string> names, string name, string parameter)
    {
        for (int j = 0; j < names.Count; j++) if (names[j] == name) return j;
        throw new ParameterException(parameter, $"Parameter '{parameter}' names column '{name}', which is not among the data's columns.");
    }

    public bool Equals(CategoricalFeatures? other) => other is not null && _items.SequenceEqual(other._items);
    public override bool Equals(object? obj) => Equals(obj as CategoricalFeatures);
    public override int GetHashCode() => _items.Length;
    public override string ToString() => IsNone ? "null" : "[" + string.Join(", ", _items) + "]";
}
