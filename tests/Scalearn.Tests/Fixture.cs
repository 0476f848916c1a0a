using System.Text.Json;

namespace Scalearn.Tests;

/// <summary>Reads the JSON fixtures written by the committed generate.py scripts under Fixtures/.</summary>
public static class Fixture
{
    private static readonly Dictionary<string, JsonElement> Cache = new();

    public static JsonElement Load(params string[] path)
    {
        var file = Path.Combine([AppContext.BaseDirectory, "Fixtures", .. path]);
        lock (Cache)
        {
            if (!Cache.TryGetValue(file, out var root)) Cache[file] = root = JsonDocument.Parse(File.ReadAllText(file)).RootElement;
            return root;
        }
    }

    public static double[] Numbers(this JsonElement e) =>
        e.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray();

    public static int[] Ints(this JsonElement e) => e.EnumerateArray().Select(v => (int)v.GetDouble()).ToArray();

    public static string[] Strings(this JsonElement e) => e.EnumerateArray().Select(v => v.GetString()!).ToArray();

    public static void Close(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance = 1e-12, string what = "")
    {
        Assert.True(expected.Count == actual.Count, $"{what}: expected {expected.Count} values, got {actual.Count}");
        for (int i = 0; i < expected.Count; i++)
            Assert.True(double.IsNaN(expected[i]) ? double.IsNaN(actual[i]) :Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"{what}[{i}]: expected {expected[i]}, got {actual[i]}");
    }
}
