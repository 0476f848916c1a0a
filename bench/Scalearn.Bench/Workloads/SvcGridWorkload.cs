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

    private const int Folds = 3;

    public string Name => "svc_grid";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        var data = CsvLoader.Load(Path.Combine(AppContext.BaseDirectory, "data", "make_classification_1000x20.csv"),
            new CsvOptions { Name = "make_classification_1000x20" });
        return SearchTiming.Run(() => new GridSearch(new SVC { Gamma = SvmGamma.Auto, Probability = true, RandomState = 0 }, ParamGrid.Parse(Grid))
        {
            Cv = new StratifiedKFold(Folds),
            Executor = new LocalExecutor(),
        }.Fit(data), options.Repeats, Folds, $"local({Environment.ProcessorCount} cores)");
    }
}
