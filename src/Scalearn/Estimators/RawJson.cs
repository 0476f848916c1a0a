using System.Text.Json;

namespace Scalearn.Estimators;

/// <summary>Reads JSON into raw parameter values: null, bool, long, double, string, object?[] and maps; estimator specs for {"estimator": ...}.</summary>
public static class RawJson
{
    public static object? ToRaw(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out long l) && !e.GetRawText().Contains('.') && !e.GetRawText().Contains('e', StringComparison.OrdinalIgnoreCase)
            ? (object)l : e.GetDouble(),
        JsonValueKind.Array => e.EnumerateArray().Select(ToRaw).ToArray(),
        JsonValueKind.Object when e.TryGetProperty(EstimatorSpec.JsonKey, out _) => EstimatorSpec.FromJson(e),
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => ToRaw(p.Value)),
        _ => throw new JsonException($"Unsupported JSON value kind {e.ValueKind}."),
    };

    /// <summary>The value as compact JSON text (raw values, so equal parameters give equal text).</summary>
    public static string ToJson(object? raw)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream)) Write(w, raw);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Utf8JsonWriter w, object? raw)
    {
        switch (raw)
        {
            case null: w.WriteNullValue(); break;
            case bool b: w.WriteBooleanValue(b); break;
            case long l: w.WriteNumberValue(l); break;
            case int i: w.WriteNumberValue(i); break;
            case double d when double.IsFinite(d):
                // Keep a decimal point so that 1.0 reads back as a double, not an integer.
                if (d == Math.Floor(d) && Math.Abs(d) < 1e15) w.WriteRawValue(d.ToString("F1", System.Globalization.CultureInfo.InvariantCulture));
                else w.WriteNumberValue(d);
                break;
            case double d: w.WriteStringValue(d.ToString(System.Globalization.CultureInfo.InvariantCulture)); break;
            case string s: w.WriteStringValue(s); break;
            case EstimatorSpec spec: spec.WriteJson(w); break;
            case IReadOnlyDictionary<string, object?> map:
                w.WriteStartObject();
                foreach (var (k, v) in map) { w.WritePropertyName(k); Write(w, v); }
                w.WriteEndObject();
                break;
            case System.Collections.IEnumerable list:
                w.WriteStartArray();
                foreach (var item in list) Write(w, item);
                w.WriteEndArray();
                break;
            default: throw new JsonException($"Cannot write parameter value of type {raw.GetType().Name}.");
        }
    }
}
