using System.Diagnostics;
using Scalearn.Ensemble;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Jobs;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// groups (issue 9): one RandomForestRegressor(n_estimators=20, random_state=0) per group of a 500,000-row file (1,000
/// groups x 500 rows x 10 features), through `scalearn fit-groups` (process start, reading and writing the 1,000 model
/// files included) and the library call GroupTrainer.RunAsync on a LocalExecutor (reading included). Target: >= 3x
/// scikit-learn + joblib's models/s. Medians of --repeats runs (the library call after one untimed run). Peer: groups_sklearn.py (run it first: it
/// writes the data).
/// </summary>
public sealed class GroupsWorkload : IWorkload
{
    public const string Peer = "groups_sklearn.py";
    public const string Params = """{"n_estimators":20,"random_state":0}""";

    public string Name => "groups";

    public static string DataPath() => GeneratedData.PathOf("groups_500000x10", Peer);

    public static string[] Args(string data, string output) =>
        ["fit-groups", "--data", data, "--group-by", "group", "--estimator", "random-forest-regressor", "--params", Params, "--out", output];

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        int repeats = Math.Max(1, options.Repeats);
        string path = DataPath();
        var spec = EstimatorSpec.Of(new RandomForestRegressor { NEstimators = 20, RandomState = 0 });
        var seconds = new List<double>();
        var cpu = new List<double>();
        IReadOnlyList<GroupFit> fits = [];
        for (int r = 0; r <= repeats; r++)   // the first run warms the JIT and the file cache
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            fits = GroupTrainer.RunAsync(new LocalExecutor(), path, spec, new GroupTrainOptions { GroupBy = "group" }).GetAwaiter().GetResult();
            if (r == 0) continue;
            seconds.Add(clock.Elapsed.TotalSeconds);
            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
        }
        double library = Median.Of(seconds);
        var fields = new Dictionary<string, object?>
        {
            ["seconds"] = Math.Round(library, 3),
            ["cpu_seconds"] = Math.Round(Median.Of(cpu), 3),
            ["groups"] = fits.Count,
            ["failed"] = fits.Count(f => !f.Ok),
            ["models_per_second"] = Math.Round(fits.Count / library, 1),
            ["mean_train_r2"] = Math.Round(fits.Average(f => f.Score), 4),
            ["cores"] = Environment.ProcessorCount,
        };
        string cli = ScalearnCommand.Build();
        var runs = new List<CliRun>();
        for (int r = 0; r < repeats; r++)
        {
            string output = Path.Combine(Path.GetTempPath(), $"scalearn-bench-groups-{Guid.NewGuid():N}");
            try
            {
                runs.Add(CliProcess.Run(cli, Args(path, output)));
                int models = Directory.GetFiles(Path.Combine(output, "models")).Length;
                if (models != fits.Count) throw new InvalidOperationException($"fit-groups wrote {models} model files for {fits.Count} groups.");
            }
            finally
            {
                if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
            }
        }
        CliProcess.Report(fields, "cli", runs, fits.Count, "models");
        return fields;
    }
}
