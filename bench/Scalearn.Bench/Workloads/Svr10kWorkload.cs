using System.Diagnostics;
using Scalearn.Data;
using Scalearn.Svm;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// svr_10k: SVR() (RBF, C=1, epsilon=0.1, gamma='scale') on make_regression(10,000 x 20, n_informative=10, noise=10,
/// random_state=0) with the target standardized, one thread (libsvm has one); median of the repeats (at least 3), wall
/// and CPU seconds of the fitting thread.
/// Peer: svr_10k_sklearn.py.
/// </summary>
public sealed class Svr10kWorkload : IWorkload
{
    public string Name => "svr_10k";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        var raw = GeneratedData.Load("regression_10000x20", "svr_10k_sklearn.py");
        var y = raw.RequireTarget();
        double mean = y.Average();
        double std = Math.Sqrt(y.Sum(v => (v - mean) * (v - mean)) / y.Length);
        var data = new Dataset(raw.X, y.Select(v => (v - mean) / std).ToArray(), raw.FeatureNames);
        var times = new List<double>();
        var cpu = new List<double>();
        SvrModel? model = null;
        for (int r = 0; r < Math.Max(3, options.Repeats); r++)
        {
            double cpuStart = ThreadCpuTime.Milliseconds();
            var clock = Stopwatch.StartNew();
            model = (SvrModel)new SVR().Fit(data);
            times.Add(clock.Elapsed.TotalSeconds);
            cpu.Add((ThreadCpuTime.Milliseconds() - cpuStart) / 1e3);
        }
        return new Dictionary<string, object?>
        {
            ["seconds"] = Math.Round(Median.Of(times), 3),
            ["cpu_seconds"] = Math.Round(Median.Of(cpu), 3),
            ["runs"] = times.Count,
            ["support_vectors"] = model!.Support.Length,
            ["train_r2"] = Math.Round(model.Score(data), 4),
            ["intercept"] = Math.Round(model.Intercept, 6),
        };
    }
}
