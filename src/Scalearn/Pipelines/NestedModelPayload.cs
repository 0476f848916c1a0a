using System.Collections.Concurrent;
using System.Reflection;
using Scalearn.Estimators;
using Scalearn.Persistence;

namespace Scalearn.Pipelines;

/// <summary>
/// Writes and reads a nested step model as format name, version and a length-prefixed payload. Only classes marked
/// <see cref="ModelFormatAttribute"/> that implement <see cref="IPersistableModel{TSelf}"/> can be read back.
/// Stand-in until Scalearn.Persistence.ModelPayload is available to composites.
/// </summary>
internal static class NestedModelPayload
{
    private static readonly ConcurrentDictionary<string, (Type Type, int Version)> KnownFormats = new(StringComparer.Ordinal);

    public static void Write(BinaryWriter writer, IModel model, string role)
    {
        if (model is not IPersistableModel persistable)
            throw new NotSupportedException($"{role}: model type {model.GetType().Name} cannot be saved (it does not implement IPersistableModel).");
        var format = model.GetType().GetCustomAttribute<ModelFormatAttribute>()
            ?? throw new NotSupportedException($"{role}: model type {model.GetType().Name} has no [ModelFormat] attribute.");
        using var buffer = new MemoryStream();
        using (var inner = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) persistable.WritePayload(inner);
        writer.Write(format.Name);
        writer.Write(format.Version);
        writer.Write(checked((int)buffer.Length));
        writer.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static IModel Read(BinaryReader reader)
    {
        string name = reader.ReadString();
        int version = reader.ReadInt32();
        int length = reader.ReadInt32();
        if (length < 0) throw new InvalidDataException($"Negative payload length for nested model '{name}'.");
        var (type, currentVersion) = Resolve(name);
        if (version < 1 || version > currentVersion)
            throw new InvalidDataException($"Nested model format '{name}' version {version} is not supported (current version {currentVersion}).");
        var bytes = reader.ReadBytes(length);
        if (bytes.Length != length) throw new EndOfStreamException($"Nested model '{name}' payload is truncated.");
        using var inner = new BinaryReader(new MemoryStream(bytes));
        var read = type.GetMethod("ReadPayload", BindingFlags.Public | BindingFlags.Static,
            [typeof(BinaryReader), typeof(int)]) ?? throw new InvalidDataException($"Model type {type.Name} has no ReadPayload method.");
        IModel model;
        try { model = (IModel)read.Invoke(null, [inner, version])!; }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
        if (inner.BaseStream.Position != length)
            throw new InvalidDataException($"Nested model '{name}' did not read its whole payload ({inner.BaseStream.Position} of {length} bytes).");
        return model;
    }

    private static (Type, int) Resolve(string name)
    {
        if (KnownFormats.TryGetValue(name, out var known)) return known;
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies().Where(ReferencesScalearn))
            foreach (var type in LoadableTypes(assembly))
            {
                var format = type.GetCustomAttribute<ModelFormatAttribute>();
                if (format is null || type.IsAbstract || !typeof(IPersistableModel).IsAssignableFrom(type)) continue;
                KnownFormats.TryAdd(format.Name, (type, format.Version));
            }
        return KnownFormats.TryGetValue(name, out known) ? known
            : throw new InvalidDataException($"Unknown nested model format '{name}'.");
    }

    private static bool ReferencesScalearn(Assembly assembly)
    {
        var scalearn = typeof(NestedModelPayload).Assembly;
        return assembly == scalearn || (!assembly.IsDynamic && assembly.GetReferencedAssemblies().Any(a => a.Name == scalearn.GetName().Name));
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try { return assembly.GetTypes(); }
        catch (ReflectionTypeLoadException e) { return e.Types.OfType<Type>(); }
    }
}
