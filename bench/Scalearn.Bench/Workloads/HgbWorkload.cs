using System.Diagnostics;
using System.Runtime.InteropServices;
using Scalearn.Boosting;
using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// reference.md's gbm workload: make_classification(250,000 x 50, n_informative=20, random_state=0), the last 50,000
/// rows held out, 200 boosting rounds without early stopping, all cores. Fits HistGradientBoostingClassifier
/// (max_iter=200, early_stopping=false) and LGBMClassifier(n_estimators=200); median fit seconds of the repeats (at
/// least 3) and held-out accuracy. The data is the exact scikit-learn sample, written once by the peer script
/// hgb_250k_sklearn.py (run it first; it prints the scikit-learn and XGBoost figures to compare with).
/// </summary>
public sealed class HgbWorkload : IWorkload
{
    public string Name => "hgb_250k";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        var (train, test) = Load();
        int repeats = Math.Max(3, options.Repeats);
        var result = new Dictionary<string, object?> { ["train_rows"] = train.Count, ["test_rows"] = test.Count, ["cores"] = Environment.ProcessorCount };
        foreach (var (label, estimator) in new (string, IEstimator)[]
                 {
                     ("hgb", new HistGradientBoostingClassifier { MaxIter = 200, EarlyStopping = false, RandomState = 0 }),
                     ("lgbm", new LGBMClassifier { NEstimators = 200, RandomState = 0 }),
                 })
        {
            var times = new List<double>();
            IClassifierModel? model = null;
            for (int r = 0; r < repeats; r++)
            {
                var watch = Stopwatch.StartNew();
                model = (IClassifierModel)estimator.Fit(train);
                times.Add(watch.Elapsed.TotalSeconds);
            }
            result[$"{label}_fit_seconds"] = Math.Round(Median.Of(times), 3);
            result[$"{label}_accuracy"] = Math.Round(model!.Score(test), 4);
            if (label == "hgb") result["seconds"] = result[$"{label}_fit_seconds"];
        }
        return result;
    }

    private static (Dataset Train, Dataset Test) Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "data", "hgb_250k.bin");
        if (!File.Exists(path))
            path = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "data", "hgb_250k.bin");
        if (!File.Exists(path))
            throw new FileNotFoundException("hgb_250k.bin not found: run /usr/bin/python3 bench/Scalearn.Bench/Workloads/hgb_250k_sklearn.py first (it writes bench/Scalearn.Bench/data/hgb_250k.bin).", path);
        var bytes = File.ReadAllBytes(path);
        int rows = BitConverter.ToInt32(bytes, 0), cols = BitConverter.ToInt32(bytes, 4);
        var x = MemoryMarshal.Cast<byte, double>(bytes.AsSpan(8, rows * cols * sizeof(double)));
        var y = MemoryMarshal.Cast<byte, double>(bytes.AsSpan(8 + rows * cols * sizeof(double), rows * sizeof(double)));
        int trainRows = rows - 50_000;
        return (new Dataset(new Matrix(x[..(trainRows * cols)].ToArray(), trainRows, cols), y[..trainRows].ToArray()),
            new Dataset(new Matrix(x[(trainRows * cols)..].ToArray(), rows - trainRows, cols), y[trainRows..].ToArray()));
    }
}
