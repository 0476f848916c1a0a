using System.Text.Json;
using Scalearn.Estimators;

namespace Scalearn.ModelSelection;

/// <summary>
/// A list of parameter grids like scikit-learn's ParameterGrid. Candidates enumerate the grids in order; within a
/// grid, keys are sorted and the last key varies fastest.
/// </summary>
public sealed class ParamGrid
{
    private readonly IReadOnlyList<KeyValuePair<string, IReadOnlyList<object?>>[]> _grids;

    public ParamGrid(params IReadOnlyDictionary<string, IReadOnlyList<object?>>[] grids)
    {
        ArgumentNullException.ThrowIfNull(grids);
        foreach (var grid in grids)
            foreach (var (key, values) in grid)
                if (values is null || values.Count == 0)
                    throw new ParameterException(key, $"Parameter grid for parameter '{key}' needs to be a non-empty list of values.");
        _grids = grids.Select(g => g.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToArray()).ToArray();
    }

    /// <summary>Number of candidates.</summary>
    /// <summary>Number of candidates (long.MaxValue when it overflows).</summary>
    public long Count => _grids.Aggregate(0L, (sum, g) => Size(g) > long.MaxValue - sum ? long.MaxValue : sum + Size(g));

    /// <summary>The grids as JSON (a list of name -> values objects, keys sorted): equal grids give equal text.</summary>
    public string ToJson() => RawJson.ToJson(_grids.Select(g => (object?)g.ToDictionary(kv => kv.Key, kv => (object?)kv.Value.Select(ParamConverter.ToRaw).ToArray())).ToArray());

    /// <summary>Parses <c>{"max_depth":[3,null],...}</c> or a list of such objects.</summary>
    public static ParamGrid Parse(string json)
    {
        using var doc = ParamJson.Parse(json, "parameter grid");
        var root = doc.RootElement;
        var objects = root.ValueKind switch
        {
            JsonValueKind.Object => [root],
            JsonValueKind.Array => root.EnumerateArray().Select((e, i) => e.ValueKind == JsonValueKind.Object ? e
                : throw new FormatException($"Parameter grid list item {i} must be an object of parameter name -> list of values; got {e.ValueKind}.")).ToArray(),
            _ => throw new FormatException($"A parameter grid must be a JSON object (name -> list of values) or a list of such objects; got {root.ValueKind}."),
        };
        var grids = objects.Select(o => (IReadOnlyDictionary<string, IReadOnlyList<object?>>)o.EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.ValueKind == JsonValueKind.Array
                ? (IReadOnlyList<object?>)p.Value.EnumerateArray().Select(RawJson.ToRaw).ToArray()
                : throw new FormatException($"Parameter grid key '{p.Name}': expected a list of values, e.g. [1, 2]; got {p.Value.GetRawText()}."))).ToArray();
        return new ParamGrid(grids);
    }

    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Candidates() => Enumerate().ToList();

    /// <summary>The candidates in order, generated one at a time (a huge grid never sits in memory).</summary>
    public IEnumerable<IReadOnlyDictionary<string, object?>> Enumerate()
    {
        foreach (var grid in _grids)
        {
            long size = Size(grid);
            for (long i = 0; i < size; i++) yield return At(grid, i);
        }
    }

    /// <summary>
    /// Few candidates that together use every listed value (each grid's first candidate, then one value changed at a
    /// time): enough to check every parameter name and value of a grid too large to build in full.
    /// </summary>
    public IEnumerable<IReadOnlyDictionary<string, object?>> Probes()
    {
        foreach (var grid in _grids)
        {
            var first = At(grid, 0);
            yield return first;
            foreach (var (key, values) in grid)
                foreach (var value in values.Skip(1))
                    yield return new SortedDictionary<string, object?>(first.ToDictionary(kv => kv.Key, kv => kv.Key == key ? value : kv.Value), StringComparer.Ordinal);
        }
    }

    private static long Size(KeyValuePair<string, IReadOnlyList<object?>>[] grid)
    {
        long product = 1;
        foreach (var (_, values) in grid)
            product = product > long.MaxValue / values.Count ? long.MaxValue : product * values.Count;
        return product;
    }

    /// <summary>The candidate at position <paramref name="index"/> of <see cref="Candidates"/> (ParameterGrid.__getitem__).</summary>
    public IReadOnlyDictionary<string, object?> this[long index]
    {
        get
        {
            foreach (var grid in _grids)
            {
                long size = Size(grid);
                if (index < size) return At(grid, index);
                index -= size;
            }
            throw new ArgumentOutOfRangeException(nameof(index), "ParamGrid index out of range.");
        }
    }

    private static IReadOnlyDictionary<string, object?> At(KeyValuePair<string, IReadOnlyList<object?>>[] grid, long index)
    {
        var values = new object?[grid.Length];
        for (int k = grid.Length - 1; k >= 0; k--)
        {
            int count = grid[k].Value.Count;
            values[k] = grid[k].Value[(int)(index % count)];
            index /= count;
        }
        var candidate = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        for (int k = 0; k < grid.Length; k++) candidate[grid[k].Key] = values[k];
        return candidate;
    }
}
