using System.Text.Json;

namespace Scalearn.Estimators;

/// <summary>
/// The complete, serializable description of an unfitted estimator: registry type name plus raw parameters.
/// This is what crosses the wire to a worker and what a model file records; nothing else is needed to reproduce a fit.
/// </summary>
public sealed class EstimatorSpec : IEquatable<EstimatorSpec>
{
    public const string JsonKey = "estimator";

    public EstimatorSpec(string type, IReadOnlyDictionary<string, object?> parameters)
    {
        Type = type;
        Parameters = new SortedDictionary<string, object?>(parameters.ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal);
    }

    public string Type { get; }
    public IReadOnlyDictionary<string, object?> Parameters { get; }

    public static EstimatorSpec Of(IEstimator estimator) => new(estimator.TypeName, estimator.GetParams());

    public IEstimator Create() => EstimatorRegistry.Create(this);

    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString(JsonKey, Type);
        w.WritePropertyName("params");
        w.WriteStartObject();
        foreach (var (name, value) in Parameters)
        {
            w.WritePropertyName(name);
            RawJson.Write(w, value);
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream)) WriteJson(w);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static EstimatorSpec FromJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return FromJson(doc.RootElement);
    }

    public static EstimatorSpec FromJson(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(JsonKey, out var type) || type.ValueKind != JsonValueKind.String)
            throw new JsonException($"An estimator spec is an object with a string '{JsonKey}' and an object 'params'.");
        var parameters = new Dictionary<string, object?>();
        if (e.TryGetProperty("params", out var ps))
        {
            if (ps.ValueKind != JsonValueKind.Object) throw new JsonException("Estimator 'params' must be an object.");
            foreach (var p in ps.EnumerateObject()) parameters[p.Name] = RawJson.ToRaw(p.Value);
        }
        return new EstimatorSpec(type.GetString()!, parameters);
    }

    public bool Equals(EstimatorSpec? other) => other is not null && ToJson() == other.ToJson();
    public override bool Equals(object? obj) => Equals(obj as EstimatorSpec);
    public override int GetHashCode() => ToJson().GetHashCode();
    public override string ToString() => ToJson();
}
