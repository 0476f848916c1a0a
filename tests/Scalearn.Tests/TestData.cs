using System.Globalization;
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
            var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "data", name + ".csv"));
            var header = lines[0].Split(',');
            var rows = lines.Skip(1).Where(l => l.Length > 0)
                .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
            int f = header.Length - 1;
            var x = Matrix.FromRows(rows.Select(r => r[..f]).ToArray());
            var data = new Dataset(x, rows.Select(r => r[f]).ToArray(), header[..f], header[f], name);
            Cache[name] = data;
            return data;
        }
    }
}
