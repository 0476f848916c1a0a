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
    public long Count => _grids.Sum(g => g.Aggregate(1L, (product, kv) => checked(product * kv.Value.Count)));

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

    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Candidates()
    {
        var result = new List<IReadOnlyDictionary<string, object?>>();
        foreach (var grid in _grids)
        {
            long size = grid.Aggregate(1L, (product, kv) => checked(product * kv.Value.Count));
            for (long i = 0; i < size; i++) result.Add(At(grid, i));
        }
        return result;
    }

    /// <summary>The candidate at position <paramref name="index"/> of <see cref="Candidates"/> (ParameterGrid.__getitem__).</summary>
    public IReadOnlyDictionary<string, object?> this[long index]
    {
        get
        {
            foreach (var grid in _grids)
            {
                long size = grid.Aggregate(1L, (product, kv) => checked(product * kv.Value.Count));
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
