using System.Globalization;
using System.Text.Json;
using Scalearn.Estimators;

namespace Scalearn.Persistence;

/// <summary>The JSON header of a model file: what the payload is and where the model came from.</summary>
internal sealed record ModelFileHeader(
    string Format, int FormatVersion, DateTimeOffset Created, string LibraryVersion,
    EstimatorSpec? Spec, IReadOnlyList<string>? FeatureNames)
{
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
            w.WritePropertyName("feature_names");
            if (FeatureNames is null) w.WriteNullValue();
            else
            {
                w.WriteStartArray();
                foreach (var name in FeatureNames) w.WriteStringValue(name);
                w.WriteEndArray();
            }
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
            string[]? names = null;
            if (root.TryGetProperty("feature_names", out var f) && f.ValueKind != JsonValueKind.Null)
            {
                if (f.ValueKind != JsonValueKind.Array) throw new InvalidDataException("'feature_names' is not an array");
                names = f.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()!
                    : throw new InvalidDataException("'feature_names' holds a non-string")).ToArray();
            }
            return new ModelFileHeader(format, version, created, library, spec, names);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            throw new InvalidDataException($"the header is not valid: {e.Message}", e);
        }
    }

    private static JsonElement Required(JsonElement root, string name, JsonValueKind kind) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == kind ? value
            : throw new InvalidDataException($"the header has no {kind.ToString().ToLowerInvariant()} '{name}'");

    public static string CurrentLibraryVersion =>
        typeof(ModelFileHeader).Assembly.GetName().Version?.ToString() ?? "0.0.0";
}
