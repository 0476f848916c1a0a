using System.Text.Json;
using Scalearn.Estimators;

namespace Scalearn.ModelSelection.Tuning;

/// <summary>
/// The parameters a tuner explores, with their distributions and conditions. JSON form (keys are estimator parameter
/// names, pipeline names like <c>svc__C</c> included):
/// <code>
/// {"svc__C": {"loguniform": [0.001, 1000]},        real, log-uniform on [low, high]
///  "tol": {"uniform": [0.0001, 0.01]},              real, uniform on [low, high]
///  "n_estimators": {"randint": [10, 500]},          integer in [low, high), high excluded as in scipy
///  "max_leaf_nodes": {"lograndint": [8, 4096]},     integer in [low, high), log-uniform
///  "kernel": ["rbf", "poly"],                       one of a list (strings, numbers, true/false, null)
///  "degree": {"randint": [2, 6], "when": {"kernel": "poly"}},
///  "coef0": {"uniform": [0, 1], "when": {"kernel": ["poly", "sigmoid"]}},
///  "shrinking": {"choice": [true, false], "when": {"kernel": "poly"}}}
/// </code>
/// <c>"when"</c> makes a parameter conditional: it exists only while each named parent (a list or integer parameter of
/// the space, itself present) has the given value or one of the given list of values; several parents must all hold.
/// A list parameter that has a condition is written <c>{"choice": [...], "when": ...}</c>. Parameters are proposed in
/// the order written, except that a parent always comes before the parameters that depend on it.
/// </summary>
public sealed class SearchSpace
{
    private readonly Dictionary<string, int> _index;

    public SearchSpace(IEnumerable<SearchParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var declared = parameters.ToList();
        if (declared.Count == 0) throw new ArgumentException("A search space needs at least one parameter.");
        var byName = new Dictionary<string, SearchParameter>(StringComparer.Ordinal);
        foreach (var p in declared)
            if (!byName.TryAdd(p.Name, p)) throw new ArgumentException($"Search space: parameter '{p.Name}' is declared twice.");
        foreach (var p in declared) CheckConditions(p, byName);
        Parameters = ParentsFirst(declared);
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < Parameters.Count; i++) _index[Parameters[i].Name] = i;
    }

    /// <summary>In proposal order: declaration order, parents before the parameters that depend on them.</summary>
    public IReadOnlyList<SearchParameter> Parameters { get; }

    public int Count => Parameters.Count;

    public int IndexOf(string name) => _index.TryGetValue(name, out int i) ? i : -1;

    public static SearchSpace Parse(string json)
    {
        using var doc = ParamJson.Parse(json, "search space");
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw new FormatException($"A search space must be a JSON object of parameter name -> distribution; got {root.ValueKind}.");
        var parameters = new List<SearchParameter>();
        foreach (var property in root.EnumerateObject())
        {
            var (distribution, when) = ParseParameter(property.Name, property.Value);
            parameters.Add(new SearchParameter(property.Name, distribution, when));
        }
        try { return new SearchSpace(parameters); }
        catch (ArgumentException e) when (e is not ParameterException) { throw new FormatException(e.Message, e); }
    }

    /// <summary>The unconditional space of a randomized search's distributions (in name order).</summary>
    public static SearchSpace From(ParamDistributions distributions)
    {
        ArgumentNullException.ThrowIfNull(distributions);
        return new SearchSpace(distributions.Distributions.Select(kv => new SearchParameter(kv.Key, Convert(kv.Key, kv.Value))));
    }

    /// <summary>
    /// Builds one candidate: walks the parameters in order and asks <paramref name="choose"/> for each one whose
    /// conditions hold on the values chosen before it.
    /// </summary>
    public Dictionary<string, object?> Walk(Func<int, SearchParameter, IReadOnlyDictionary<string, object?>, object?> choose)
    {
        var chosen = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (int i = 0; i < Parameters.Count; i++)
            if (IsActive(Parameters[i], chosen)) chosen[Parameters[i].Name] = choose(i, Parameters[i], chosen);
        return chosen;
    }

    /// <summary>True when every condition of <paramref name="parameter"/> holds on <paramref name="chosen"/>.</summary>
    public static bool IsActive(SearchParameter parameter, IReadOnlyDictionary<string, object?> chosen) =>
        parameter.When.All(c => chosen.TryGetValue(c.Parent, out var value) && c.HoldsFor(value));

    /// <summary>
    /// Throws unless <paramref name="candidate"/> holds exactly the parameters whose conditions hold, each with a value
    /// of its distribution.
    /// </summary>
    public void Check(IReadOnlyDictionary<string, object?> candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        foreach (var name in candidate.Keys)
            if (!_index.ContainsKey(name))
                throw new ArgumentException($"Parameter '{name}' is not in the search space; it has: {string.Join(", ", Parameters.Select(p => p.Name))}.");
        foreach (var p in Parameters)
        {
            bool active = IsActive(p, candidate);
            bool present = candidate.TryGetValue(p.Name, out var value);
            if (active && !present) throw new ArgumentException($"Parameter '{p.Name}' is missing although {Describe(p.When)}.");
            if (!active && present) throw new ArgumentException($"Parameter '{p.Name}' is set although it needs {Describe(p.When)}.");
            if (present && !p.Distribution.Contains(value))
                throw new ArgumentException($"Parameter '{p.Name}' = {ParamConverter.Format(value)} is outside {p.Distribution.Describe()}.");
        }
    }

    public override string ToString() => string.Join(", ", Parameters.Select(p =>
        $"{p.Name}: {p.Distribution.Describe()}" + (p.Conditional ? $" when {Describe(p.When)}" : "")));

    private static string Describe(IReadOnlyList<ParamCondition> when) => when.Count == 0 ? "always" : string.Join(" and ", when);

    private static (Distribution, IReadOnlyList<ParamCondition>) ParseParameter(string name, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("when", out var when))
        {
            var rest = value.EnumerateObject().Where(p => p.Name != "when").ToArray();
            if (rest.Length != 1)
                throw new FormatException($"Search space parameter '{name}': next to \"when\" give exactly one distribution, {ParamDistribution.Expected.Replace("a list of values, ", "")}; got {value.GetRawText()}.");
            return (Convert(name, ParamDistribution.ParseSpec(name, rest[0])), ParseWhen(name, when));
        }
        return (Convert(name, ParamDistribution.Parse(name, value)), []);
    }

    private static ParamCondition[] ParseWhen(string name, JsonElement when)
    {
        if (when.ValueKind != JsonValueKind.Object || !when.EnumerateObject().Any())
            throw new FormatException($"Search space parameter '{name}': \"when\" must be an object of parent parameter -> value or list of values, e.g. {{\"kernel\": \"poly\"}}; got {when.GetRawText()}.");
        return when.EnumerateObject().Select(c =>
        {
            var values = c.Value.ValueKind == JsonValueKind.Array ? c.Value.EnumerateArray().Select(RawJson.ToRaw).ToArray() : [RawJson.ToRaw(c.Value)];
            return values.Length > 0 ? new ParamCondition(c.Name, values)
                : throw new FormatException($"Search space parameter '{name}': the condition on '{c.Name}' lists no values.");
        }).ToArray();
    }

    private static Distribution Convert(string name, ParamDistribution d)
    {
        try
        {
            return d switch
            {
                ParamDistribution.Choice c => new CategoricalDistribution(c.Values),
                ParamDistribution.Uniform u => new FloatDistribution(u.Low, u.High),
                ParamDistribution.LogUniform u => new FloatDistribution(u.Low, u.High, log: true),
                ParamDistribution.RandInt r => new IntDistribution(r.Low, r.High - 1),
                ParamDistribution.LogRandInt r => new IntDistribution(r.Low, r.High - 1, log: true),
                _ => throw new ArgumentException($"unsupported distribution {d}."),
            };
        }
        catch (ArgumentException e) when (e is not ParameterException)
        {
            throw new FormatException($"Search space parameter '{name}': {e.Message}", e);
        }
    }

    private static void CheckConditions(SearchParameter p, Dictionary<string, SearchParameter> byName)
    {
        foreach (var condition in p.When)
        {
            if (!byName.TryGetValue(condition.Parent, out var parent))
                throw new ArgumentException($"Search space parameter '{p.Name}': its condition names '{condition.Parent}', which is not in the space; the space has: {string.Join(", ", byName.Keys)}.");
            if (parent.Distribution is FloatDistribution)
                throw new ArgumentException($"Search space parameter '{p.Name}': its condition names '{condition.Parent}', a real-valued range; conditions can only name list or integer parameters.");
            foreach (var v in condition.Values)
                if (!parent.Distribution.Contains(v))
                    throw new ArgumentException($"Search space parameter '{p.Name}': its condition {condition.Parent}={ParamConverter.Format(v)} can never hold; '{condition.Parent}' takes {parent.Distribution.Describe()}.");
        }
    }

    private static SearchParameter[] ParentsFirst(List<SearchParameter> declared)
    {
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<SearchParameter>(declared.Count);
        while (order.Count < declared.Count)
        {
            var next = declared.FirstOrDefault(p => !placed.Contains(p.Name) && p.When.All(c => placed.Contains(c.Parent)))
                ?? throw new ArgumentException($"Search space: the conditions of {string.Join(", ", declared.Where(p => !placed.Contains(p.Name)).Select(p => $"'{p.Name}'"))} depend on each other in a cycle.");
            placed.Add(next.Name);
            order.Add(next);
        }
        return order.ToArray();
    }
}
