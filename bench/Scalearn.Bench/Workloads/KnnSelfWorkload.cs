using Scalearn.Data.Tables;
using Scalearn.Numerics;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// knn_self (issue 9): `scalearn knn --self --k 10` on a 100,000 x 32 CSV of standard normals (6 decimals) to a CSV of
/// 1,000,000 (query, rank, neighbor, distance) rows, process start and I/O included, next to the knn_all workload's
/// in-memory time on the same shape (target: the same speed). Medians of --repeats runs; the peer is knn_all_sklearn.py.
/// </summary>
public sealed class KnnSelfWorkload : IWorkload
{
    public const int Rows = 100_000, Dims = 32, K = 10;

    public string Name => "knn_self";

    public static string Index()
    {
        Directory.CreateDirectory(BenchFiles.Folder);
        string path = Path.Combine(BenchFiles.Folder, $"knn_{Rows}x{Dims}.csv");
        if (File.Exists(path)) return path;
        string partial = path + ".partial.csv";
        var rng = new Rng(0);
        var columns = new TableColumn[Dims];
        for (int j = 0; j < Dims; j++) columns[j] = new DoubleColumn($"x{j}", new double[Rows]);
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Dims; j++) ((DoubleColumn)columns[j]).Values[i] = Math.Round(rng.NextGaussian(), 6);
        using (var writer = TableWriter.Create(partial)) writer.Write(columns);
        File.Move(partial, path, overwrite: true);
        return path;
    }

    public static string[] Args(string index, string output) => ["knn", "--index", index, "--self", "--k", K.ToString(), "--out", output];

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        string index = Index();
        string cli = ScalearnCommand.Build();
        var runs = new List<CliRun>();
        for (int r = 0; r <= Math.Max(1, options.Repeats); r++)
        {
            string output = Path.Combine(Path.GetTempPath(), $"scalearn-bench-knn-{Guid.NewGuid():N}.csv");
            try
            {
                var run = CliProcess.Run(cli, Args(index, output));
                if (r > 0) runs.Add(run);   // the first run warms the file cache
                long lines = File.ReadLines(output).LongCount() - 1;
                if (lines != (long)Rows * K) throw new InvalidOperationException($"knn --self wrote {lines} rows for {Rows} x {K} neighbours.");
            }
            finally
            {
                File.Delete(output);
            }
        }
        var fields = new Dictionary<string, object?>();
        CliProcess.Report(fields, "cli", runs, Rows, "queries");
        var inMemory = new KnnAllWorkload().Run(options);
        fields["seconds"] = fields["cli_seconds"];
        fields["knn_all_seconds"] = inMemory["seconds"];
        fields["knn_all_cpu_seconds"] = inMemory["cpu_seconds"];
        fields["cli_over_knn_all"] = Math.Round((double)fields["cli_seconds"]! / (double)inMemory["seconds"]!, 3);
        fields["cli_cpu_over_knn_all_cpu"] = Math.Round((double)fields["cli_cpu_seconds"]! / (double)inMemory["cpu_seconds"]!, 3);
        return fields;
    }
}
