using System.Diagnostics;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.ModelSelection;
using Scalearn.ModelSelection.Tuning;
using Scalearn.ModelSelection.Tuning.Tpe;
using Scalearn.Svm;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// tpe_svc: quality at equal budget. For seeds 0-9, 40 trials of SVC(C ~ loguniform[1e-3, 1e3], gamma ~
/// loguniform[1e-5, 10]) scored by 3-fold (unshuffled, stratified) CV accuracy on standardized breast_cancer; reports
/// the mean over seeds of the best score found by TPE one trial at a time, TPE with 4 trials in flight (constant liar;
/// the oldest in flight finishes first) and random search. Until the search runner drives tuners, the bench drives
/// them with CrossValidation.CrossValidate. Peer: tpe_svc_optuna.py (Optuna 3.1, same protocol). Environment
/// variable TPE_SVC_SEEDS runs more seeds (the best of 40 trials moves in steps of one test row, so 10 seeds leave a
/// standard error of about 0.0005).
/// </summary>
public sealed class TpeSvcWorkload : IWorkload
{
    public const string Space = """{"C": {"loguniform": [0.001, 1000]}, "gamma": {"loguniform": [1e-5, 10]}}""";
    private const int Trials = 40, InFlight = 4;
    private static readonly int Seeds = int.TryParse(Environment.GetEnvironmentVariable("TPE_SVC_SEEDS"), out int s) && s > 0 ? s : 10;

    public string Name => "tpe_svc";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        var data = Standardized(CsvLoader.Load(Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv")));
        var space = SearchSpace.Parse(Space);
        var cv = new StratifiedKFold(3);
        var cache = new Dictionary<(double, double), double>();
        double Score(IReadOnlyDictionary<string, object?> p)
        {
            var key = ((double)p["C"]!, (double)p["gamma"]!);
            if (cache.TryGetValue(key, out double s)) return s;
            var svc = new SVC();
            svc.SetParam("C", key.Item1);
            svc.SetParam("gamma", key.Item2);
            return cache[key] = CrossValidation.CrossValidate(svc, data, cv).MeanTestScore;
        }

        var clock = Stopwatch.StartNew();
        var sequential = Enumerable.Range(0, Seeds).Select(s => Best(new TpeTuner(space, new TpeOptions { Seed = s }), 1, Score)).ToArray();
        var parallel = Enumerable.Range(0, Seeds).Select(s => Best(new TpeTuner(space, new TpeOptions { Seed = s }), InFlight, Score)).ToArray();
        var random = Enumerable.Range(0, Seeds).Select(s => Best(new RandomTuner(space, s), 1, Score)).ToArray();
        return new Dictionary<string, object?>
        {
            ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2),
            ["tpe_mean_best"] = Math.Round(sequential.Average(), 5),
            ["tpe_liar4_mean_best"] = Math.Round(parallel.Average(), 5),
            ["random_mean_best"] = Math.Round(random.Average(), 5),
            ["tpe_best_by_seed"] = sequential.Select(v => Math.Round(v, 4)).ToArray(),
            ["tpe_liar4_best_by_seed"] = parallel.Select(v => Math.Round(v, 4)).ToArray(),
            ["random_best_by_seed"] = random.Select(v => Math.Round(v, 4)).ToArray(),
            ["tpe_std_error"] = Math.Round(StdError(sequential), 5),
            ["tpe_liar4_std_error"] = Math.Round(StdError(parallel), 5),
            ["random_std_error"] = Math.Round(StdError(random), 5),
            ["seeds"] = Seeds,
            ["trials"] = Trials,
        };
    }

    private static double StdError(double[] v)
    {
        double mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1) / v.Length);
    }

    /// <summary>Runs a study keeping <paramref name="inFlight"/> trials proposed and not yet told; the oldest finishes first.</summary>
    public static double Best(ITuner tuner, int inFlight, Func<IReadOnlyDictionary<string, object?>, double> score)
    {
        var running = new Queue<(int Trial, IReadOnlyDictionary<string, object?> Params)>();
        double best = double.NegativeInfinity;
        int next = 0;
        while (next < Trials || running.Count > 0)
        {
            while (next < Trials && running.Count < inFlight)
            {
                running.Enqueue((next, tuner.Propose(next)!));
                next++;
            }
            var (trial, p) = running.Dequeue();
            double s = score(p);
            best = Math.Max(best, s);
            tuner.Tell(trial, s);
        }
        return best;
    }

    /// <summary>scikit-learn's StandardScaler().fit_transform on the whole table (population standard deviation).</summary>
    private static Dataset Standardized(Dataset data)
    {
        var x = new Matrix(data.Count, data.FeatureCount);
        for (int j = 0; j < data.FeatureCount; j++)
        {
            double mean = 0, ss = 0;
            for (int i = 0; i < data.Count; i++) mean += data.X[i, j];
            mean /= data.Count;
            for (int i = 0; i < data.Count; i++) ss += (data.X[i, j] - mean) * (data.X[i, j] - mean);
            double std = Math.Sqrt(ss / data.Count);
            for (int i = 0; i < data.Count; i++) x[i, j] = (data.X[i, j] - mean) / (std == 0 ? 1 : std);
        }
        return new Dataset(x, data.Y, data.FeatureNames, data.TargetName, data.Name);
    }
}
