using System.Text.Json;
using System.Text.Json.Serialization;
using Scalearn.Reporting.Figures;

namespace Scalearn.Reporting.Html;

/// <summary>The figures as the page's JSON: camelCase, numbers to 6 significant digits, NaN and infinities as null, safe inside a script tag.</summary>
public static class ReportJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new CompactDouble() },
    };

    public static string Figures(ReportDocument document) =>
        JsonSerializer.Serialize(document.Figures.ToDictionary(f => f.Id, f => f), Options);

    /// <summary>The whole document (summary, notes, sections with their figures and tables), as the live dashboard draws it.</summary>
    public static string Document(ReportDocument document) => JsonSerializer.Serialize(document, Options);

    private sealed class CompactDouble : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (!double.IsFinite(value)) writer.WriteNullValue();
            else if (value == Math.Floor(value) && Math.Abs(value) < 1e15) writer.WriteNumberValue((long)value);
            else writer.WriteNumberValue(double.Parse(value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
