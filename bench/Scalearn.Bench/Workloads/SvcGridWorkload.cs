using System.Diagnostics;
using System.Globalization;
using Scalearn.Data;
using Scalearn.Execution;
using Scalearn.ModelSelection;
using Scalearn.Svm;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// svc_grid (reference.md): GridSearch(SVC(gamma='auto', probability=True, random_state=0),
/// {C: 8 values, kernel: rbf|poly|sigmoid, shrinking: true|false}, cv=3 StratifiedKFold without shuffling) on
/// make_classification(n_samples=1000, n_features=20, random_state=0), generated once by scikit-learn
/// (bench data/make_classification_1000x20.csv), on all local cores.
/// </summary>
public sealed class SvcGridWorkload : IWorkload
{
    public const string Grid = """
        {"C":[0.001,0.01,0.1,0.5,1,2,5,10],"kernel":["rbf","poly","sigmoid"],"shrinking":[true,false]}
        """;

    public string Name => "svc_grid";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        var data = LoadCsv(Path.Combine(AppContext.BaseDirectory, "data", "make_classification_1000x20.csv"));
        var seconds = new List<double>();
        SearchResult? result = null;
        for (int r = 0; r < options.Repeats; r++)
        {
            var search = new GridSearch(new SVC { Gamma = SvmGamma.Auto, Probability = true, RandomState = 0 }, ParamGrid.Parse(Grid))
            {
                Cv = new StratifiedKFold(3),
                Executor = new LocalExecutor(),
            };
            var clock = Stopwatch.StartNew();
            result = search.Fit(data);
            seconds.Add(clock.Elapsed.TotalSeconds);
        }
        seconds.Sort();
        return new Dictionary<string, object?>
        {
            ["seconds"] = Math.Round(seconds[seconds.Count / 2], 3),
            ["runs"] = seconds.Count,
            ["best_score"] = Math.Round(result!.BestScore, 4),
            ["best_params"] = TuneSummary.Params(result.BestParams),
            ["candidates"] = result.CvResults.Count,
            ["fits"] = result.CvResults.Count * 3,
            ["executor"] = $"local({Environment.ProcessorCount} cores)",
        };
    }

    private static Dataset LoadCsv(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        int f = header.Length - 1;
        var rows = lines.Skip(1).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        return new Dataset(Matrix.FromRows(rows.Select(r => r[..f]).ToArray()), rows.Select(r => r[f]).ToArray(), header[..f], header[f], "make_classification_1000x20");
    }
}
