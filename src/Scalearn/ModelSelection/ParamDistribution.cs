using System.Globalization;
using System.Text.Json;
using Scalearn.Estimators;
using Scalearn.Numerics;

namespace Scalearn.ModelSelection;

/// <summary>One parameter's distribution in a randomized search: a list (uniform choice) or a continuous/integer range.</summary>
public abstract record ParamDistribution
{
    public abstract object? Sample(Rng rng);

    /// <summary>The distribution in the JSON syntax <see cref="Parse"/> reads, as raw values.</summary>
    public abstract object? ToRaw();

    /// <summary>A uniform choice among listed values.</summary>
    public sealed record Choice(IReadOnlyList<object?> Values) : ParamDistribution
    {
        public override object? Sample(Rng rng) => Values[rng.NextInt(Values.Count)];
        public override object? ToRaw() => Values.Select(ParamConverter.ToRaw).ToArray();
    }

    /// <summary>Uniform on [Low, High].</summary>
    public sealed record Uniform(double Low, double High) : ParamDistribution
    {
        public override object? Sample(Rng rng) => Low + (High - Low) * rng.NextDouble();
        public override object? ToRaw() => new Dictionary<string, object?> { ["uniform"] = new object?[] { Low, High } };
    }

    /// <summary>Log-uniform on [Low, High] (both > 0).</summary>
    public sealed record LogUniform(double Low, double High) : ParamDistribution
    {
        public override object? Sample(Rng rng) => Math.Exp(Math.Log(Low) + (Math.Log(High) - Math.Log(Low)) * rng.NextDouble());
        public override object? ToRaw() => new Dictionary<string, object?> { ["loguniform"] = new object?[] { Low, High } };
    }

    /// <summary>Uniform integer in [Low, High).</summary>
    public sealed record RandInt(long Low, long High) : ParamDistribution
    {
        public override object? ToRaw() => new Dictionary<string, object?> { ["randint"] = new object?[] { Low, High } };

        public override object? Sample(Rng rng)
        {
            ulong span = (ulong)(High - Low);
            ulong draw = span <= int.MaxValue ? (ulong)rng.NextInt((int)span) : rng.NextULong() % span;
            return Low + (long)draw;
        }
    }

    /// <summary>Log-uniform integer in [Low, High) (1 &lt;= Low), each integer as likely as its share of the log scale.</summary>
    public sealed record LogRandInt(long Low, long High) : ParamDistribution
    {
        public override object? Sample(Rng rng) => new Tuning.IntDistribution(Low, High - 1, log: true).SampleUniform(rng.NextDouble);
        public override object? ToRaw() => new Dictionary<string, object?> { ["lograndint"] = new object?[] { Low, High } };
    }

    internal const string Expected = "a list of values, {\"choice\": [values]}, {\"uniform\": [low, high]}, {\"loguniform\": [low, high]}, {\"randint\": [low, high]} or {\"lograndint\": [low, high]}";

    internal static ParamDistribution Parse(string key, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Array) return ParseChoice(key, value);
        if (value.ValueKind != JsonValueKind.Object || value.EnumerateObject().Count() != 1)
            throw new FormatException($"Distribution for '{key}': expected {Expected}; got {value.GetRawText()}.");
        return ParseSpec(key, value.EnumerateObject().Single());
    }

    private static Choice ParseChoice(string key, JsonElement list)
    {
        var values = list.EnumerateArray().Select(RawJson.ToRaw).ToArray();
        return values.Length > 0 ? new Choice(values) : throw new ParameterException(key, $"Distribution for '{key}': the list of values is empty.");
    }

    /// <summary>One <c>"name": [arguments]</c> distribution, e.g. <c>"loguniform": [0.001, 1000]</c>.</summary>
    internal static ParamDistribution ParseSpec(string key, JsonProperty spec)
    {
        if (spec.Name.Equals("choice", StringComparison.OrdinalIgnoreCase))
            return spec.Value.ValueKind == JsonValueKind.Array ? ParseChoice(key, spec.Value)
                : throw new FormatException($"Distribution for '{key}': 'choice' expects a list of values; got {spec.Value.GetRawText()}.");
        var bounds = spec.Value.ValueKind == JsonValueKind.Array ? spec.Value.EnumerateArray().ToArray() : [];
        if (bounds.Length != 2 || bounds.Any(b => b.ValueKind != JsonValueKind.Number))
            throw new FormatException($"Distribution for '{key}': '{spec.Name}' expects [low, high] with two numbers; got {spec.Value.GetRawText()}.");
        switch (spec.Name.ToLowerInvariant())
        {
            case "uniform":
            {
                double low = bounds[0].GetDouble(), high = bounds[1].GetDouble();
                return low <= high ? new Uniform(low, high) : throw Bad(key, spec.Name, "low <= high");
            }
            case "loguniform":
            {
                double low = bounds[0].GetDouble(), high = bounds[1].GetDouble();
                return low > 0 && low <= high ? new LogUniform(low, high) : throw Bad(key, spec.Name, "0 < low <= high");
            }
            case "randint":
            {
                if (!bounds[0].TryGetInt64(out long low) || !bounds[1].TryGetInt64(out long high))
                    throw Bad(key, spec.Name, "integer bounds");
                return low < high ? new RandInt(low, high) : throw Bad(key, spec.Name, "low < high (high is exclusive)");
            }
            case "lograndint":
            {
                if (!bounds[0].TryGetInt64(out long low) || !bounds[1].TryGetInt64(out long high))
                    throw Bad(key, spec.Name, "integer bounds");
                return low >= 1 && low < high ? new LogRandInt(low, high) : throw Bad(key, spec.Name, "1 <= low < high (high is exclusive)");
            }
            default:
                throw new FormatException($"Distribution for '{key}': unknown distribution '{spec.Name}'; expected {Expected}.");
        }
    }

    private static FormatException Bad(string key, string name, string rule) =>
        new($"Distribution for '{key}': '{name}' needs {rule}.");

    internal static string Format(double d) => d.ToString("R", CultureInfo.InvariantCulture);
}
