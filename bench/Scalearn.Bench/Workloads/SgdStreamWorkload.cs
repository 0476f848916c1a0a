using System.Diagnostics;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Linear;
using Scalearn.Numerics;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// reference.md's sgd_stream: SGDRegressor(random_state=0) partial_fit over 1,000,000 x 50 standard-normal rows,
/// y = Xw + 0.1 noise, in chunks of 1,000 rows. Data is generated up front; only the partial_fit loop is timed.
/// The scikit-learn side is tests/Scalearn.Tests/Fixtures/Linear/sgd_stream_sklearn.py.
/// </summary>
public sealed class SgdStreamWorkload : IWorkload
{
    private const int TotalRows = 1_000_000;
    private const int Features = 50;
    private const int ChunkRows = 1_000;
    private const int HeldOutRows = 10_000;

    public string Name => "sgd_stream";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        var rng = new Rng(0);
        var trueWeights = new double[Features];
        for (int j = 0; j < Features; j++) trueWeights[j] = rng.NextGaussian();
        var chunks = new Dataset[TotalRows / ChunkRows];
        for (int c = 0; c < chunks.Length; c++) chunks[c] = Generate(rng, trueWeights, ChunkRows);
        var heldOut = Generate(rng, trueWeights, HeldOutRows);

        // JIT warm-up on a throwaway learner: the vector kernels start in tier-0 code and are only promoted after a
        // call-counting delay, which would otherwise be charged to the first timed stream.
        var warmUp = new SGDRegressor { RandomState = 0 }.StartIncremental();
        var warmUpWatch = Stopwatch.StartNew();
        for (int c = 0; warmUpWatch.ElapsedMilliseconds < 500; c = (c + 1) % chunks.Length) warmUp.PartialFit(chunks[c]);

        var seconds = new List<double>();
        var cpuSeconds = new List<double>();
        var process = Process.GetCurrentProcess();
        double r2 = double.NaN;
        for (int repeat = 0; repeat < options.Repeats; repeat++)
        {
            var learner = new SGDRegressor { RandomState = 0 }.StartIncremental();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            foreach (var chunk in chunks) learner.PartialFit(chunk);
            watch.Stop();
            process.Refresh();
            seconds.Add(watch.Elapsed.TotalSeconds);
            cpuSeconds.Add((process.TotalProcessorTime - cpuBefore).TotalSeconds);
            r2 = ((IPredictor)learner.Snapshot()).Score(heldOut);
        }
        double median = Median.Of(seconds);
        return new Dictionary<string, object?>
        {
            ["seconds"] = Math.Round(median, 4),
            ["all_seconds"] = seconds.Select(s => Math.Round(s, 4)).ToArray(),
            ["rows_per_second"] = Math.Round(TotalRows / median),
            // CPU time of the timed loop: a steadier figure than wall clock on a machine shared with other jobs.
            ["cpu_seconds"] = Math.Round(Median.Of(cpuSeconds), 4),
            ["r2"] = Math.Round(r2, 6),
            ["rows"] = TotalRows,
            ["features"] = Features,
            ["chunk_rows"] = ChunkRows,
        };
    }

    private static Dataset Generate(Rng rng, double[] trueWeights, int rows)
    {
        var x = new Matrix(rows, Features);
        var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            var row = x.Row(i);
            for (int j = 0; j < Features; j++) row[j] = rng.NextGaussian();
            y[i] = System.Numerics.Tensors.TensorPrimitives.Dot<double>(row, trueWeights) + 0.1 * rng.NextGaussian();
        }
        return new Dataset(x, y);
    }
}
