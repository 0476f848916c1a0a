using Scalearn.Data;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// Datasets that the peer scripts generate with scikit-learn and write once to bench/Scalearn.Bench/data/generated/
/// (bench_data.py; too large to commit), so both sides of a side-by-side run fit on the same doubles.
/// </summary>
internal static class GeneratedData
{
    public static Dataset Load(string name, string peerScript) => CsvLoader.Load(PathOf(name, peerScript), new CsvOptions { Name = name });

    /// <summary>The path of a generated CSV; throws, naming the peer script that writes it, when it is not there yet.</summary>
    public static string PathOf(string name, string peerScript)
    {
        string relative = Path.Combine("bench", "Scalearn.Bench", "data", "generated", name + ".csv");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string path = Path.Combine(dir.FullName, relative);
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException(
            $"{relative} not found above {AppContext.BaseDirectory}; run `/usr/bin/python3 bench/Scalearn.Bench/Workloads/{peerScript}` once to generate it.");
    }
}
