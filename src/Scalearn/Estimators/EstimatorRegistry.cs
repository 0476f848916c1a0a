using System.Reflection;

namespace Scalearn.Estimators;

/// <summary>
/// The allow-list of estimator types creatable by name: classes of this assembly marked
/// <see cref="RegisteredEstimatorAttribute"/>. Names match the class name or its kebab-case alias, case-insensitively.
/// </summary>
public static class EstimatorRegistry
{
    private static readonly Lazy<IReadOnlyDictionary<string, Type>> ByKey = new(Discover);

    public static IReadOnlyList<string> Names => ByKey.Value.Values.Distinct().Select(t => t.Name).Order(StringComparer.Ordinal).ToArray();

    public static bool TryGetType(string name, out Type type) => ByKey.Value.TryGetValue(ParamNames.Normalize(name), out type!);

    public static IEstimator Create(string name)
    {
        if (!TryGetType(name, out var type))
            throw new ArgumentException($"Unknown estimator '{name}'; known estimators: {string.Join(", ", Names)}.");
        return (IEstimator)Activator.CreateInstance(type)!;
    }

    public static IEstimator Create(EstimatorSpec spec)
    {
        var estimator = Create(spec.Type);
        foreach (var (name, value) in spec.Parameters) estimator.SetParam(name, value);
        return estimator;
    }

    private static IReadOnlyDictionary<string, Type> Discover()
    {
        var map = new Dictionary<string, Type>();
        foreach (var type in typeof(EstimatorRegistry).Assembly.GetTypes())
        {
            if (type.GetCustomAttribute<RegisteredEstimatorAttribute>() is null) continue;
            if (!typeof(IEstimator).IsAssignableFrom(type) || type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
                throw new InvalidOperationException($"{type.FullName} is registered but is not a concrete estimator with a parameterless constructor.");
            map.Add(ParamNames.Normalize(type.Name), type);
        }
        return map;
    }
}
