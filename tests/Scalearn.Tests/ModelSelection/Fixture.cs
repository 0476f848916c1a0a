using System.Text.Json;

namespace Scalearn.Tests.ModelSelection;

/// <summary>The JSON files written by Fixtures/ModelSelection/generate.py.</summary>
internal static class Fixture
{
    public static JsonElement Load(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "ModelSelection", name))).RootElement;

    public static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static int[] Ints(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt32()).ToArray();
}
