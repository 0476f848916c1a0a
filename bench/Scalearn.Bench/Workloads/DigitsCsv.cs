using System.Globalization;
using Scalearn.Data;

namespace Scalearn.Bench.Workloads;

/// <summary>Loads a bundled CSV (features..., target) copied next to the benchmark under data/.</summary>
internal static class DigitsCsv
{
    public static Dataset Load(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "data", name + ".csv"));
        var rows = lines.Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        int f = rows[0].Length - 1;
        return new Dataset(Matrix.FromRows(rows.Select(r => r[..f]).ToArray()), rows.Select(r => r[f]).ToArray(), name: name);
    }
}
