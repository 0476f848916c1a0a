using Scalearn.Data;

namespace Scalearn.Tests;

/// <summary>Bundled datasets for tests (copied next to the test assembly under data/).</summary>
public static class TestData
{
    private static readonly Dictionary<string, Dataset> Cache = new();

    public static Dataset Load(string name)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(name, out var cached)) return cached;
            var data = CsvLoader.Load(Path.Combine(AppContext.BaseDirectory, "data", name + ".csv"));
            Cache[name] = data;
            return data;
        }
    }
}
