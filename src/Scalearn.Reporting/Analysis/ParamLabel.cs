using System.Globalization;
using System.Text.Json;
using Scalearn.Estimators;

namespace Scalearn.Reporting.Analysis;

/// <summary>Short text for a parameter value, as a Python user would write it (None, True, 0.01, sqrt).</summary>
public static class ParamLabel
{
    public static string Of(object? value) => value switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        string s => s,
        double d => Number(d),
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        _ => Json(value),
    };

    public static string Number(double d) => d.ToString("G6", CultureInfo.InvariantCulture);

    private static string Json(object value)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream)) RawJson.Write(w, value);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
