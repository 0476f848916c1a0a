using System.Reflection;

namespace Scalearn.Execution;

/// <summary>
/// The allow-list of task kinds a worker runs: kinds marked <see cref="RegisteredTaskKindAttribute"/> in Scalearn and in
/// plugin assemblies (<c>scalearn worker --plugin</c>), or registered explicitly. Drivers need no registration.
/// </summary>
public static class TaskKinds
{
    private static readonly Registry<ITaskKind> Known = new("task kind", t => t.GetCustomAttribute<RegisteredTaskKindAttribute>() is not null, k => k.Name);

    public static IReadOnlyList<string> Names => Known.Names;

    public static bool TryGet(string name, out ITaskKind kind) => Known.TryGet(name, out kind);

    public static void Register(ITaskKind kind) => Known.Add(kind);

    internal static void AddAssembly(Assembly assembly) => Known.AddAssembly(assembly);
}

[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RegisteredTaskKindAttribute : Attribute;
