using System.Reflection;

namespace Scalearn.Estimators;

/// <summary>
/// The allow-list of estimator types creatable by name: classes marked <see cref="RegisteredEstimatorAttribute"/> in
/// Scalearn and in added assemblies (plugins), plus types registered with <see cref="Register{T}"/>. Names match the
/// class name or its kebab-case alias, case-insensitively. Only listed types are ever created from a spec, a model
/// file or a message, so a user's own estimator is registered once on the driver (and, for a cluster, loaded on the
/// workers with <c>scalearn worker --plugin</c>).
/// </summary>
public static class EstimatorRegistry
{
    private static readonly Dictionary<string, Type> ByKey = new();
    private static readonly HashSet<Assembly> Scanned = [];

    public static IReadOnlyList<string> Names
    {
        get
        {
            lock (ByKey)
            {
                EnsureCore();
                return ByKey.Values.Distinct().Select(t => t.Name).Order(StringComparer.Ordinal).ToArray();
            }
        }
    }

    public static bool TryGetType(string name, out Type type)
    {
        lock (ByKey)
        {
            EnsureCore();
            return ByKey.TryGetValue(ParamNames.Normalize(name), out type!);
        }
    }

    /// <summary>Adds a user's estimator type (a concrete <see cref="IEstimator"/> with a parameterless constructor).</summary>
    public static void Register<T>() where T : IEstimator, new() => Register(typeof(T));

    public static void Register(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        lock (ByKey)
        {
            EnsureCore();
            Add(type);
        }
    }

    /// <summary>Registers every class of <paramref name="assembly"/> marked <see cref="RegisteredEstimatorAttribute"/>.</summary>
    public static void AddAssembly(Assembly assembly)
    {
        lock (ByKey)
        {
            EnsureCore();
            Scan(assembly);
        }
    }

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

    private static void EnsureCore()
    {
        if (Scanned.Count == 0) Scan(typeof(EstimatorRegistry).Assembly);
    }

    private static void Scan(Assembly assembly)
    {
        if (!Scanned.Add(assembly)) return;
        foreach (var type in Execution.AssemblyTypes.Loadable(assembly))
            if (type.GetCustomAttribute<RegisteredEstimatorAttribute>() is not null) Add(type);
    }

    private static void Add(Type type)
    {
        if (!typeof(IEstimator).IsAssignableFrom(type) || type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
            throw new InvalidOperationException($"{type.FullName} is registered but is not a concrete estimator with a parameterless constructor.");
        string key = ParamNames.Normalize(type.Name);
        if (ByKey.TryGetValue(key, out var existing))
        {
            if (existing == type) return;
            throw new InvalidOperationException($"Estimator name '{type.Name}' is taken by {existing.FullName}; {type.FullName} needs another class name.");
        }
        ByKey.Add(key, type);
    }
}
