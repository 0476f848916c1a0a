using System.Globalization;
using System.Text;
using System.Text.Json;
using Scalearn.Execution;

namespace Scalearn.Cluster.Wire;

/// <summary>
/// FitResult as a JSON string. Doubles are written in round-trip form (NaN/Infinity as strings), so scores arrive
/// bit-identical to what the worker computed.
/// </summary>
internal static class ResultJson
{
    public static string Write(FitResult r)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteNumber("candidate", r.Candidate);
            w.WriteNumber("split", r.Split);
            w.WritePropertyName("test");
            WriteArray(w, r.TestScores);
            w.WritePropertyName("train");
            if (r.TrainScores is null) w.WriteNullValue(); else WriteArray(w, r.TrainScores);
            w.WritePropertyName("fit_seconds");
            WriteDouble(w, r.FitSeconds);
            w.WritePropertyName("score_seconds");
            WriteDouble(w, r.ScoreSeconds);
            if (r.Error is null) w.WriteNull("error"); else w.WriteString("error", r.Error);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static FitResult Read(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var train = root.GetProperty("train");
            return new FitResult(
                root.GetProperty("candidate").GetInt32(),
                root.GetProperty("split").GetInt32(),
                ReadArray(root.GetProperty("test")),
                train.ValueKind == JsonValueKind.Null ? null : ReadArray(train),
                ReadDouble(root.GetProperty("fit_seconds")),
                ReadDouble(root.GetProperty("score_seconds")),
                root.GetProperty("error").GetString());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException("Malformed result: " + e.Message, e);
        }
    }

    private static void WriteArray(Utf8JsonWriter w, double[] values)
    {
        w.WriteStartArray();
        foreach (var v in values) WriteDouble(w, v);
        w.WriteEndArray();
    }

    private static void WriteDouble(Utf8JsonWriter w, double v)
    {
        if (double.IsFinite(v)) w.WriteNumberValue(v);
        else w.WriteStringValue(v.ToString(CultureInfo.InvariantCulture));
    }

    private static double[] ReadArray(JsonElement e) => e.EnumerateArray().Select(ReadDouble).ToArray();

    private static double ReadDouble(JsonElement e) => e.ValueKind == JsonValueKind.String
        ? double.Parse(e.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
        : e.GetDouble();
}
