using System.Diagnostics;
using System.Globalization;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Svm;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// svc_grid (reference.md): SVC(gamma='auto', probability=True, random_state=0) over
/// {C: 8 values, kernel: rbf|poly|sigmoid, shrinking: true|false}, 3-fold StratifiedKFold without shuffling, on
/// make_classification(1000 x 20, random_state=0) (bench data/make_classification_1000x20.csv), all cores.
/// </summary>
public sealed class SvcGridWorkload : IWorkload
{
    private static readonly double[] Cs = [0.001, 0.01, 0.1, 0.5, 1, 2, 5, 10];
    private static readonly string[] Kernels = ["rbf", "poly", "sigmoid"];
    private static readonly bool[] Shrinking = [true, false];

    public string Name => "svc_grid";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        var data = LoadCsv(Path.Combine(AppContext.BaseDirectory, "data", "make_classification_1000x20.csv"));
        var folds = StratifiedFolds(data.RequireTarget(), 3);
        var candidates = (from c in Cs from k in Kernels from s in Shrinking select (C: c, Kernel: k, Shrinking: s)).ToArray();
        var scores = new double[candidates.Length, folds.Length];

        var best = double.NegativeInfinity;
        int bestIndex = -1;
        var seconds = new List<double>();
        for (int repeat = 0; repeat < options.Repeats; repeat++)
        {
            var watch = Stopwatch.StartNew();
            var tasks = Enumerable.Range(0, candidates.Length * folds.Length).ToArray();
            Parallel.ForEach(tasks, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, task =>
            {
                var (c, kernel, shrinking) = candidates[task / folds.Length];
                var (train, test) = folds[task % folds.Length];
                var svc = new SVC { Gamma = SvmGamma.Auto, Probability = true, RandomState = 0, C = c, Shrinking = shrinking };
                svc.SetParam("kernel", kernel);
                var model = (IPredictor)svc.Fit(data.Rows(train));
                scores[task / folds.Length, task % folds.Length] = model.Score(data.Rows(test));
            });
            seconds.Add(watch.Elapsed.TotalSeconds);
        }
        for (int i = 0; i < candidates.Length; i++)
        {
            double mean = Enumerable.Range(0, folds.Length).Average(f => scores[i, f]);
            if (mean > best) { best = mean; bestIndex = i; }
        }
        var winner = candidates[bestIndex];
        return new Dictionary<string, object?>
        {
            ["seconds"] = Math.Round(seconds.Min(), 3),
            ["fits"] = candidates.Length * folds.Length,
            ["best_score"] = Math.Round(best, 4),
            ["best_params"] = $"C={winner.C.ToString(CultureInfo.InvariantCulture)}, kernel={winner.Kernel}, shrinking={winner.Shrinking}",
            ["reference_seconds"] = 4.63,
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

    /// <summary>scikit-learn's StratifiedKFold(shuffle=False) test-fold assignment.</summary>
    private static (int[] Train, int[] Test)[] StratifiedFolds(double[] y, int splits)
    {
        var classes = y.Distinct().Order().ToArray();
        var encoded = y.Select(v => Array.BinarySearch(classes, v)).ToArray();
        var sorted = encoded.Order().ToArray();
        var testFold = new int[y.Length];
        for (int k = 0; k < classes.Length; k++)
        {
            var perFold = Enumerable.Range(0, splits).Select(i => sorted.Where((_, idx) => idx % splits == i).Count(v => v == k)).ToArray();
            int fold = 0, used = 0;
            for (int r = 0; r < y.Length; r++)
            {
                if (encoded[r] != k) continue;
                while (used == perFold[fold]) { fold++; used = 0; }
                testFold[r] = fold;
                used++;
            }
        }
        return Enumerable.Range(0, splits).Select(s =>
            (Enumerable.Range(0, y.Length).Where(r => testFold[r] != s).ToArray(), Enumerable.Range(0, y.Length).Where(r => testFold[r] == s).ToArray())).ToArray();
    }
}
