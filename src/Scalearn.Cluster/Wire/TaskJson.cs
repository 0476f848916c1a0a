using System.Text;
using System.Text.Json;
using Scalearn.Estimators;
using Scalearn.Execution;

namespace Scalearn.Cluster.Wire;

/// <summary>FitTask as a JSON string; the estimator travels as its own EstimatorSpec JSON.</summary>
internal static class TaskJson
{
    public static string Write(FitTask task)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteNumber("candidate", task.Candidate);
            w.WriteNumber("split", task.Split);
            w.WritePropertyName("estimator");
            task.Estimator.WriteJson(w);
            w.WriteStartArray("scorers");
            foreach (var s in task.Scorers) w.WriteStringValue(s);
            w.WriteEndArray();
            w.WriteBoolean("return_train_score", task.ReturnTrainScore);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Parses and validates a task; throws <see cref="InvalidDataException"/> naming what is wrong.</summary>
    public static FitTask Read(string json)
    {
        if (json.Length > WireLimits.MaxTaskJsonChars) throw new InvalidDataException($"Task JSON of {json.Length} characters exceeds the {WireLimits.MaxTaskJsonChars} limit.");
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
            var root = doc.RootElement;
            int candidate = root.GetProperty("candidate").GetInt32();
            int split = root.GetProperty("split").GetInt32();
            if (candidate < 0 || split < 0) throw new InvalidDataException("Task candidate and split must be non-negative.");
            var spec = EstimatorSpec.FromJson(root.GetProperty("estimator"));
            if (!EstimatorRegistry.TryGetType(spec.Type, out _))
                throw new InvalidDataException($"Estimator '{spec.Type}' is not on the registry allow-list.");
            var scorersElement = root.GetProperty("scorers");
            if (scorersElement.GetArrayLength() is 0 or > WireLimits.MaxScorers)
                throw new InvalidDataException($"A task needs 1-{WireLimits.MaxScorers} scorers.");
            var scorers = scorersElement.EnumerateArray().Select(e => e.GetString() ?? throw new InvalidDataException("Scorer names must be strings.")).ToArray();
            bool train = root.GetProperty("return_train_score").GetBoolean();
            return new FitTask(candidate, split, spec, scorers, train);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException("Malformed task: " + e.Message, e);
        }
    }

    /// <summary>
    /// What a task that failed validation can still tell about itself, to report its error in the right shape:
    /// candidate, split, number of scorers, whether train scores were asked for. Null when even that is unreadable.
    /// </summary>
    public static TaskIdentity? TryReadIdentity(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
            var root = doc.RootElement;
            int scorers = root.TryGetProperty("scorers", out var s) && s.ValueKind == JsonValueKind.Array ? s.GetArrayLength() : 1;
            bool train = root.TryGetProperty("return_train_score", out var t) && t.ValueKind == JsonValueKind.True;
            int candidate = root.GetProperty("candidate").GetInt32(), split = root.GetProperty("split").GetInt32();
            return new TaskIdentity(candidate, split, Math.Clamp(scorers, 1, WireLimits.MaxScorers), train);
        }
        catch (Exception)
        {
            return null;
        }
    }
}

internal sealed record TaskIdentity(int Candidate, int Split, int Scorers, bool ReturnTrainScore)
{
    public FitResult Error(string message)
    {
        double[] NaNs() => Enumerable.Repeat(double.NaN, Scorers).ToArray();
        return new FitResult(Candidate, Split, NaNs(), ReturnTrainScore ? NaNs() : null, 0, 0, message);
    }
}
