using System.Diagnostics;
using Scalearn.Ensemble;
using Scalearn.ModelSelection;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// rf_cv_continuous: RandomForestClassifier(n_estimators=100, n_jobs=-1, random_state=0) 3-fold cross-validation
/// (StratifiedKFold, no shuffle) plus a refit on make_classification(50,000 x 30, n_informative=15, random_state=0),
/// whose features are all continuous. Median of the repeats; peer: rf_cv_continuous_sklearn.py.
/// </summary>
public sealed class RfCvContinuousWorkload : IWorkload
{
    public string Name => "rf_cv_continuous";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        var data = GeneratedData.Load("classification_50000x30", "rf_cv_continuous_sklearn.py");
        var times = new List<double>();
        var cvTimes = new List<double>();
        var refitTimes = new List<double>();
        double[] scores = [];
        for (int r = 0; r < options.Repeats; r++)
        {
            var forest = new RandomForestClassifier { NEstimators = 100, NJobs = -1, RandomState = 0 };
            var clock = Stopwatch.StartNew();
            scores = CrossValidation.CrossValidate(forest, data, new StratifiedKFold(3)).TestScore;
            double cv = clock.Elapsed.TotalSeconds;
            forest.Fit(data);
            times.Add(clock.Elapsed.TotalSeconds);
            cvTimes.Add(cv);
            refitTimes.Add(clock.Elapsed.TotalSeconds - cv);
        }
        return new Dictionary<string, object?>
        {
            ["seconds"] = Math.Round(Median.Of(times), 3),
            ["cv_seconds"] = Math.Round(Median.Of(cvTimes), 3),
            ["refit_seconds"] = Math.Round(Median.Of(refitTimes), 3),
            ["runs"] = times.Count,
            ["mean_cv_accuracy"] = Math.Round(scores.Average(), 4),
            ["fold_accuracy"] = scores.Select(s => Math.Round(s, 4)).ToArray(),
            ["cores"] = Environment.ProcessorCount,
        };
    }
}
