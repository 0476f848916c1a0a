using Scalearn.Estimators;

namespace Scalearn.Pipelines;

/// <summary>Shared parameter handling of composites: step names, nested <c>step__param</c> names, estimator values.</summary>
internal static class NestedParams
{
    public const string Separator = "__";

    /// <summary>
    /// An estimator from a raw value: an estimator, an <see cref="EstimatorSpec"/>, a registry name or spec JSON;
    /// null means <see cref="Passthrough"/> (scikit-learn's None step).
    /// </summary>
    public static IEstimator ParseEstimator(object? raw, string parameter)
    {
        if (raw is System.Text.Json.JsonElement json) raw = RawJson.ToRaw(json);
        return raw switch
        {
            null => new Passthrough(),
            IEstimator estimator => estimator,
            EstimatorSpec spec => EstimatorRegistry.Create(spec),
            string name => EstimatorRegistry.Create(name),
            _ => throw Wrong(parameter, raw, "an estimator (an EstimatorSpec or a registered estimator name)"),
        };
    }

    /// <summary>A parameter error that shows lists and estimator specs readably (ParamConverter.Format prints only scalars).</summary>
    public static ParameterException Wrong(string parameter, object? raw, string expected) =>
        new(parameter, $"Parameter '{parameter}' must be {expected}; got {Describe(raw)}.");

    private static string Describe(object? raw) => raw switch
    {
        EstimatorSpec spec => spec.ToJson(),
        IEstimator estimator => estimator.ToString() ?? estimator.TypeName,
        string or null => ParamConverter.Format(raw),
        System.Collections.IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Describe)) + "]",
        _ => ParamConverter.Format(raw),
    };

    /// <summary>Elements of a raw list value (object?[], any list, or a JSON array).</summary>
    public static IReadOnlyList<object?> ParseList(object? raw, string parameter, string expected)
    {
        if (raw is System.Text.Json.JsonElement json) raw = RawJson.ToRaw(json);
        return raw switch
        {
            string => throw Wrong(parameter, raw, expected),
            IReadOnlyDictionary<string, object?> => throw Wrong(parameter, raw, expected),
            System.Collections.IEnumerable list => list.Cast<object?>().ToArray(),
            _ => throw Wrong(parameter, raw, expected),
        };
    }

    public static string ParseStepName(object? raw, string parameter, ICollection<string> seen, IReadOnlyCollection<string> reserved)
    {
        if (raw is not string name || name.Length == 0)
            throw new ParameterException(parameter, $"Parameter '{parameter}': each step name must be a non-empty string; got {ParamConverter.Format(raw)}.");
        if (name.Contains(Separator))
            throw new ParameterException(parameter, $"Parameter '{parameter}': step name '{name}' must not contain '{Separator}'.");
        if (reserved.Contains(name, StringComparer.OrdinalIgnoreCase))
            throw new ParameterException(parameter, $"Parameter '{parameter}': step name '{name}' conflicts with a parameter name ({string.Join(", ", reserved)}).");
        if (seen.Contains(name))
            throw new ParameterException(parameter, $"Parameter '{parameter}': step names must be unique; '{name}' appears twice.");
        seen.Add(name);
        return name;
    }

    /// <summary>Sets <c>step__param</c> on the named child, reporting unknown steps and parameters with the full name.</summary>
    public static void SetOnChild(string owner, string fullName, IReadOnlyList<string> childNames, Func<string, IEstimator?> child, object? raw)
    {
        int split = fullName.IndexOf(Separator, StringComparison.Ordinal);
        string stepName = fullName[..split], inner = fullName[(split + Separator.Length)..];
        var target = child(stepName);
        if (target is null && childNames.Contains(stepName))
            throw new ParameterException(fullName, $"{owner} step '{stepName}' is 'drop' or 'passthrough' and has no parameters (from parameter '{fullName}').");
        if (target is null)
            throw new ParameterException(fullName,
                $"{owner} has no step '{stepName}' (from parameter '{fullName}'); valid step names: {string.Join(", ", childNames)}.");
        try { target.SetParam(inner, raw); }
        catch (ParameterException e)
        {
            throw new ParameterException(fullName, $"{owner} step '{stepName}' ({target.TypeName}): {e.Message}");
        }
    }
}
