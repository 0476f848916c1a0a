using System.Collections.Concurrent;
using System.Reflection;
using System.Text;

namespace Scalearn.Persistence;

/// <summary>
/// The allow-list of model types a model file may contain: classes of the Scalearn assembly carrying
/// [<see cref="ModelFormatAttribute"/>] and implementing <see cref="IPersistableModel{TSelf}"/>. A file names its format;
/// nothing outside this list is ever instantiated.
/// </summary>
internal static class ModelFormats
{
    internal sealed record Entry(string Name, int Version, Type Type, Func<BinaryReader, int, IPersistableModel> Read);

    private static readonly Lazy<ConcurrentDictionary<string, Entry>> ByName = new(ScanLibrary);

    public static IReadOnlyList<string> Names => ByName.Value.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Test hook: allows a model type defined outside the library.</summary>
    internal static void Register<T>() where T : class, IPersistableModel<T> => Add(ByName.Value, Describe(typeof(T)));

    public static Entry ForModel(IPersistableModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var type = model.GetType();
        var attribute = type.GetCustomAttribute<ModelFormatAttribute>()
            ?? throw new ArgumentException($"{type.FullName} cannot be saved: it has no [ModelFormat] attribute.", nameof(model));
        if (!ByName.Value.TryGetValue(attribute.Name, out var entry) || entry.Type != type)
            throw new ArgumentException($"{type.FullName} cannot be saved: model format '{attribute.Name}' is not on the allow-list of loadable types.", nameof(model));
        return entry;
    }

    public static byte[] WritePayload(IPersistableModel model)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true)) model.WritePayload(writer);
        return stream.ToArray();
    }

    /// <summary>
    /// Reads a payload of the named format; every failure (unknown or newer format, reader errors, bytes left over)
    /// becomes an <see cref="InvalidDataException"/> whose message says what went wrong.
    /// </summary>
    public static IPersistableModel ReadPayload(string name, int version, byte[] buffer, int offset, int length)
    {
        if (!ByName.Value.TryGetValue(name, out var entry))
            throw new InvalidDataException($"unknown model format '{name}' (known formats: {string.Join(", ", Names)})");
        if (version < 1) throw new InvalidDataException($"invalid version {version} of model format '{name}'");
        if (version > entry.Version)
            throw new InvalidDataException(
                $"model format '{name}' version {version} is newer than this library reads (up to version {entry.Version}); upgrade Scalearn");
        using var stream = new MemoryStream(buffer, offset, length, writable: false);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        IPersistableModel model;
        try
        {
            model = entry.Read(reader, version) ?? throw new InvalidDataException("the reader returned no model");
        }
        catch (Exception e)
        {
            throw new InvalidDataException($"the '{name}' (version {version}) payload is invalid: {e.Message}", e);
        }
        if (stream.Position != length)
            throw new InvalidDataException($"the '{name}' (version {version}) payload has {length - stream.Position} unread bytes");
        return model;
    }

    private static ConcurrentDictionary<string, Entry> ScanLibrary()
    {
        var entries = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var type in typeof(ModelFormats).Assembly.GetTypes())
            if (type.GetCustomAttribute<ModelFormatAttribute>() is not null) Add(entries, Describe(type));
        return entries;
    }

    private static void Add(ConcurrentDictionary<string, Entry> entries, Entry entry)
    {
        var existing = entries.GetOrAdd(entry.Name, entry);
        if (existing.Type != entry.Type)
            throw new InvalidOperationException(
                $"Model format '{entry.Name}' is claimed by both {existing.Type.FullName} and {entry.Type.FullName}.");
    }

    private static Entry Describe(Type type)
    {
        var attribute = type.GetCustomAttribute<ModelFormatAttribute>()
            ?? throw new InvalidOperationException($"{type.FullName} has no [ModelFormat] attribute.");
        if (!type.IsClass || type.IsAbstract || type.IsGenericTypeDefinition
            || !typeof(IPersistableModel<>).MakeGenericType(type).IsAssignableFrom(type))
            throw new InvalidOperationException(
                $"{type.FullName} has [ModelFormat(\"{attribute.Name}\")] but is not a concrete class implementing IPersistableModel<{type.Name}>.");
        if (string.IsNullOrWhiteSpace(attribute.Name) || attribute.Version < 1)
            throw new InvalidOperationException($"{type.FullName}: a model format needs a non-empty name and a version >= 1.");
        var read = typeof(ModelFormats).GetMethod(nameof(ReadAs), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type).CreateDelegate<Func<BinaryReader, int, IPersistableModel>>();
        return new Entry(attribute.Name, attribute.Version, type, read);
    }

    private static IPersistableModel ReadAs<T>(BinaryReader reader, int version) where T : IPersistableModel<T> =>
        T.ReadPayload(reader, version);
}
