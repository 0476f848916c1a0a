using System.Text.Json;

namespace Scalearn.ModelSelection;

internal static class ParamJson
{
    public static JsonDocument Parse(string json, string what)
    {
        try { return JsonDocument.Parse(json); }
        catch (JsonException e) { throw new FormatException($"The {what} is not valid JSON: {e.Message}", e); }
    }
}
