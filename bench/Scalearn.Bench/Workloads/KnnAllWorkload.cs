using System.Diagnostics;
using Scalearn.Data;
using Scalearn.Neighbors;
using Scalearn.Numerics;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// knn_all (reference.md): 100,000 x 32 float32 standard-normal points, NearestNeighbors(n_neighbors=10,
/// algorithm=brute, euclidean) fitted on all of them, then the 10 nearest neighbours of every point queried in
/// chunks of 10,000. Exactness is checked on a sample of queries against a naive float64 scan.
/// SCALEARN_KNN_N overrides the number of points (for side-by-side runs on smaller data), SCALEARN_KNN_JOBS sets n_jobs.
/// </summary>
public sealed class KnnAllWorkload : IWorkload
{
    private const int Dims = 32, K = 10, Chunk = 10_000, CheckedQueries = 200;

    public string Name => "knn_all";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        int n = int.TryParse(Environment.GetEnvironmentVariable("SCALEARN_KNN_N"), out int custom) && custom > K ? custom : 100_000;
        int? jobs = int.TryParse(Environment.GetEnvironmentVariable("SCALEARN_KNN_JOBS"), out int j) && j != 0 ? j : null;
        var rng = new Rng(0);
        var x = new Matrix(n, Dims);
        for (int i = 0; i < x.Values.Length; i++) x.Values[i] = (float)rng.NextGaussian();
        var data = new Dataset(x);
        long baselineMb = Process.GetCurrentProcess().WorkingSet64 >> 20;

        var results = new KNeighborsResult[(n + Chunk - 1) / Chunk];
        double best = double.PositiveInfinity, bestCpu = double.PositiveInfinity;
        for (int repeat = 0; repeat < options.Repeats; repeat++)
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var estimator = new NearestNeighbors { NNeighbors = K, Algorithm = NeighborAlgorithm.Brute, Metric = NeighborMetric.Euclidean, NJobs = jobs };
            var model = (NearestNeighborsModel)estimator.Fit(data);
            for (int c = 0; c < results.Length; c++)
            {
                int start = c * Chunk, count = Math.Min(Chunk, n - start);
                results[c] = model.KNeighbors(data.Rows(Enumerable.Range(start, count).ToArray()));
            }
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
            bestCpu = Math.Min(bestCpu, (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
        }
        long peakMb = Process.GetCurrentProcess().PeakWorkingSet64 >> 20;
        long allocatedMb = GC.GetTotalAllocatedBytes() >> 20;

        int exact = 0;
        var sample = new Rng(1);
        for (int s = 0; s < CheckedQueries; s++)
        {
            int q = sample.NextInt(n);
            var found = results[q / Chunk].IndicesOf(q % Chunk).ToArray().Order();
            if (found.SequenceEqual(NaiveNeighbors(x, q).Order())) exact++;
        }
        return new Dictionary<string, object?>
        {
            ["seconds"] = Math.Round(best, 3),
            // CPU time of the process: on a shared, overloaded machine wall clock alone says little.
            ["cpu_seconds"] = Math.Round(bestCpu, 3),
            ["n"] = n,
            ["queries_per_second"] = Math.Round(n / best),
            ["peak_working_set_mb"] = peakMb,
            ["data_and_runtime_mb_before_fit"] = baselineMb,
            ["gc_total_allocated_mb"] = allocatedMb,
            ["exact_fraction"] = (double)exact / CheckedQueries,
            ["threads"] = Environment.ProcessorCount,
            ["exact_rescans"] = NeighborSearchStatistics.ExactRescans,
        };
    }

    private static int[] NaiveNeighbors(Matrix x, int query)
    {
        var q = x.Row(query).ToArray();
        var all = new (double Distance, int Index)[x.Rows];
        for (int i = 0; i < x.Rows; i++)
        {
            var p = x.Row(i);
            double sum = 0;
            for (int j = 0; j < p.Length; j++) sum += (p[j] - q[j]) * (p[j] - q[j]);
            all[i] = (sum, i);
        }
        return all.OrderBy(t => t.Distance).ThenBy(t => t.Index).Take(K).Select(t => t.Index).ToArray();
    }
}
