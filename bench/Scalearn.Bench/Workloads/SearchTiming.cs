using System.Diagnostics;
using Scalearn.ModelSelection;

namespace Scalearn.Bench.Workloads;

/// <summary>Runs a search <c>repeats</c> times and reports the median wall-clock time with the last run's summary.</summary>
internal static class SearchTiming
{
    public static IReadOnlyDictionary<string, object?> Run(Func<SearchResult> search, int repeats, int folds, string executorName)
    {
        var seconds = new List<double>();
        SearchResult? result = null;
        for (int r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            result = search();
            seconds.Add(clock.Elapsed.TotalSeconds);
        }
        return new Dictionary<string, object?>
        {
            ["seconds"] = Math.Round(Median.Of(seconds), 3),
            ["runs"] = seconds.Count,
            ["best_score"] = Math.Round(result!.BestScore, 4),
            ["best_params"] = TuneSummary.Params(result.BestParams),
            ["candidates"] = result.CvResults.Count,
            ["fits"] = result.CvResults.Count * folds,
            ["executor"] = executorName,
        };
    }
}
