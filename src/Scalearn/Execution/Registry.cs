using System.Reflection;

namespace Scalearn.Execution;

/// <summary>
/// A name -> instance allow-list filled from marked classes of Scalearn's assembly, of assemblies added later
/// (plugins), and from explicit registrations. Thread-safe; names are case-sensitive and must be unique.
/// </summary>
internal sealed class Registry<T>(string what, Func<Type, bool> marked, Func<T, string> nameOf) where T : class
{
    private readonly Dictionary<string, T> _byName = new(StringComparer.Ordinal);
    private readonly HashSet<Assembly> _scanned = [];

    public T Get(string name) => TryGet(name, out var value) ? value
        : throw new KeyNotFoundException($"Unknown {what} '{name}'; known: {string.Join(", ", Names)}.");

    public bool TryGet(string name, out T value)
    {
        EnsureCore();
        lock (_byName) return _byName.TryGetValue(name, out value!);
    }

    public IReadOnlyList<string> Names
    {
        get
        {
            EnsureCore();
            lock (_byName) return _byName.Keys.Order(StringComparer.Ordinal).ToArray();
        }
    }

    public void Add(T value)
    {
        EnsureCore();
        AddCore(value);
    }

    public void AddAssembly(Assembly assembly)
    {
        EnsureCore();
        Scan(assembly);
    }

    private void AddCore(T value)
    {
        string name = nameOf(value);
        lock (_byName)
        {
            if (_byName.TryGetValue(name, out var existing))
            {
                if (existing.GetType() == value.GetType()) return;
                throw new InvalidOperationException($"Two {what}s are named '{name}': {existing.GetType().FullName} and {value.GetType().FullName}.");
            }
            _byName.Add(name, value);
        }
    }

    private void EnsureCore()
    {
        lock (_scanned)
            if (!_scanned.Contains(typeof(Registry<T>).Assembly)) Scan(typeof(Registry<T>).Assembly);
    }

    private void Scan(Assembly assembly)
    {
        lock (_scanned)
            if (!_scanned.Add(assembly)) return;
        foreach (var type in AssemblyTypes.Loadable(assembly))
        {
            if (!marked(type)) continue;
            if (!typeof(T).IsAssignableFrom(type) || type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
                throw new InvalidOperationException($"{type.FullName} is registered as a {what} but is not a concrete {typeof(T).Name} with a parameterless constructor.");
            AddCore((T)Activator.CreateInstance(type)!);
        }
    }
}

/// <summary>The types of an assembly that load (a plugin may reference assemblies this process does not have).</summary>
internal static class AssemblyTypes
{
    public static IEnumerable<Type> Loadable(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }
}
