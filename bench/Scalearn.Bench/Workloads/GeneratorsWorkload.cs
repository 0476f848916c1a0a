using System.Diagnostics;
using Scalearn.Data.Generators;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// make_classification (1,000,000 x 20, 5 informative, 3 classes), make_regression (1,000,000 x 20) and make_blobs
/// (1,000,000 x 10, 5 centers): the generators other workloads build their large sets with.
/// scikit-learn side: generators_sklearn.py next to this file. Reports the median of the repeats for each.
/// </summary>
public sealed class GeneratorsWorkload : IWorkload
{
    private const int Rows = 1_000_000;

    public string Name => "generators";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        var classification = Time(options, () => DataGenerators.MakeClassification(nSamples: Rows, nFeatures: 20, nInformative: 5, nClasses: 3, randomState: 0));
        var regression = Time(options, () => DataGenerators.MakeRegression(nSamples: Rows, nFeatures: 20, nInformative: 5, noise: 1, randomState: 0));
        var blobs = Time(options, () => DataGenerators.MakeBlobs(nSamples: Rows, nFeatures: 10, centers: 5, randomState: 0));
        return new Dictionary<string, object?>
        {
            ["seconds"] = classification + regression + blobs,
            ["make_classification_seconds"] = classification,
            ["make_regression_seconds"] = regression,
            ["make_blobs_seconds"] = blobs,
            ["rows"] = Rows,
        };
    }

    private static double Time(BenchOptions options, Func<object> generate)
    {
        var seconds = new List<double>();
        for (int r = 0; r < options.Repeats; r++)
        {
            var watch = Stopwatch.StartNew();
            GC.KeepAlive(generate());
            seconds.Add(watch.Elapsed.TotalSeconds);
        }
        return Median.Of(seconds);
    }
}
