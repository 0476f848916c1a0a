using System.Globalization;
using System.Text.Json;
using Scalearn.Estimators;

namespace Scalearn.Persistence;

/// <summary>The JSON header of a model file: what the payload is and where the model came from.</summary>
internal sealed record ModelFileHeader(
    string Format, int FormatVersion, DateTimeOffset Created, string LibraryVersion,
    EstimatorSpec? Spec, IReadOnlyList<string>? FeatureNames,
    IReadOnlyList<string>? TextColumns = null, string? TargetName = null, IReadOnlyList<string>? ClassNames = null)
{
    /// <summary>The header fields of a model's schema (feature names, text columns, target, class labels).</summary>
    public static ModelFileHeader Of(string format, int version, EstimatorSpec? spec, ModelSchema? schema, IReadOnlyList<string>? featureNames) =>
        new(format, version, DateTimeOffset.UtcNow, CurrentLibraryVersion, spec, featureNames ?? schema?.FeatureNames,
            schema?.TextColumns, schema?.TargetName, schema?.ClassNames);

    /// <summary>The schema the header records for a model of <paramref name="featureCount"/> features; null when it records none.</summary>
    public ModelSchema? Schema(int featureCount) =>
        FeatureNames is null && TextColumns is null && TargetName is null && ClassNames is null ? null
            : new ModelSchema(FeatureNames, featureCount, TextColumns, TargetName, ClassNames);

    public byte[] ToUtf8()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteNumber("format_version", FormatVersion);
            w.WriteString("created", Created.ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("library_version", LibraryVersion);
            w.WritePropertyName("spec");
            if (Spec is null) w.WriteNullValue(); else Spec.WriteJson(w);
            WriteNames(w, "feature_names", FeatureNames);
            if (TextColumns is { Count: > 0 }) WriteNames(w, "text_columns", TextColumns);
            if (TargetName is not null) w.WriteString("target", TargetName);
            if (ClassNames is not null) WriteNames(w, "class_names", ClassNames);
            w.WriteEndObject();
        }
        return stream.ToArray();
    }

    /// <summary>Parses a header; throws <see cref="InvalidDataException"/> naming the bad field.</summary>
    public static ModelFileHeader Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new InvalidDataException("the header is not a JSON object");
            string format = Required(root, "format", JsonValueKind.String).GetString()!;
            int version = Required(root, "format_version", JsonValueKind.Number).GetInt32();
            var created = DateTimeOffset.Parse(Required(root, "created", JsonValueKind.String).GetString()!, CultureInfo.InvariantCulture);
            string library = root.TryGetProperty("library_version", out var lib) && lib.ValueKind == JsonValueKind.String ? lib.GetString()! : "";
            EstimatorSpec? spec = root.TryGetProperty("spec", out var s) && s.ValueKind != JsonValueKind.Null ? EstimatorSpec.FromJson(s) : null;
            string? target = null;
            if (root.TryGetProperty("target", out var t) && t.ValueKind != JsonValueKind.Null)
                target = t.ValueKind == JsonValueKind.String ? t.GetString() : throw new InvalidDataException("'target' is not a string");
            return new ModelFileHeader(format, version, created, library, spec, ReadNames(root, "feature_names"),
                ReadNames(root, "text_columns"), target, ReadNames(root, "class_names"));
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            throw new InvalidDataException($"the header is not valid: {e.Message}", e);
        }
    }

    private static void WriteNames(Utf8JsonWriter w, string property, IReadOnlyList<string>? names)
    {
        w.WritePropertyName(property);
        if (names is null) { w.WriteNullValue(); return; }
        w.WriteStartArray();
        foreach (var name in names) w.WriteStringValue(name);
        w.WriteEndArray();
    }

    private static string[]? ReadNames(JsonElement root, string property)
    {
        if (!root.TryGetProperty(property, out var f) || f.ValueKind == JsonValueKind.Null) return null;
        if (f.ValueKind != JsonValueKind.Array) throw new InvalidDataException($"'{property}' is not an array");
        return f.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()!
            : throw new InvalidDataException($"'{property}' holds a non-string")).ToArray();
    }

    private static JsonElement Required(JsonElement root, string name, JsonValueKind kind) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == kind ? value
            : throw new InvalidDataException($"the header has no {kind.ToString().ToLowerInvariant()} '{name}'");

    public static string CurrentLibraryVersion =>
        typeof(ModelFileHeader).Assembly.GetName().Version?.ToString() ?? "0.0.0";
}
