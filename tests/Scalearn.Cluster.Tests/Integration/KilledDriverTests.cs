using System.Diagnostics;
using System.Globalization;
using System.Text;
using Scalearn.Cluster.Worker;
using Scalearn.Data.Tables;
using Scalearn.Execution;
using Scalearn.Jobs;
using Scalearn.Ensemble;
using Scalearn.Persistence;

namespace Scalearn.Cluster.Tests.Integration;

/// <summary>kill -9 a `scalearn predict --cluster` driver mid-job, run a job again at once: the workers are not held by the dead driver's tasks.</summary>
public sealed class KilledDriverTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scalearn-killed-driver-").FullName;

    private string Csv(string name, int rows, int seed)
    {
        var rng = new Numerics.Rng(seed);
        var text = new StringBuilder("a,b,c,target\n");
        for (int r = 0; r < rows; r++)
        {
            double a = rng.NextGaussian(), b = rng.NextGaussian(), c = rng.NextGaussian();
            text.Append(CultureInfo.InvariantCulture, $"{a:R},{b:R},{c:R},{(a - b + 0.5 * c > 0 ? 1 : 0)}\n");
        }
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [BrokerFact(Timeout = 120_000)]
    public async Task ARunAfterAKilledDriverIsNotHeldUntilTheDeadDriversLeaseEnds()
    {
        string big = Csv("big.csv", 1_000_000, 1), small = Csv("small.csv", 3_000, 2);
        var train = TableReader.Load(small);
        string model = Path.Combine(_dir, "forest.scalearn");
        // A job long enough (200 tasks of 5,000 rows, each tens of ms with a 400-tree forest) that the dead driver's job is
        // still running when the test notices its first results and kills it: with naive Bayes on 200,000 rows the 40
        // tasks were sometimes all done by then.
        ModelFile.Save(model, (IPersistableModel)new RandomForestClassifier { NEstimators = 400, RandomState = 0 }.Fit(train), null, train.FeatureNames);
        var options = new BatchPredictOptions { BatchSize = 250, Proba = true, Target = "target" };
        string local = Path.Combine(_dir, "local.csv"), remote = Path.Combine(_dir, "remote.csv");
        await BatchPredictor.RunAsync(new LocalExecutor(1), model, small, local, options);

        string broker = Broker.ForCluster("killed-driver");
        await using var workers = await WorkerProcesses.StartAsync(broker, 1, "killed-driver");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { LocalWorkerProcess.FindCli(), "predict", "--model", model, "--data", big, "--target", "target",
                     "--batch-size", "5000", "--out", Path.Combine(_dir, "dead.csv"), "--cluster", broker })
            start.ArgumentList.Add(arg);
        using var driver = Process.Start(start)!;
        try
        {
            // Mid-message: the worker holds the dead driver's next tasks, whose row chunks only that driver can send (chunks
            // of 5,000 rows are too large to travel inside the task messages).
            await workers.WaitForOutputAsync(o => o.Split(" ok").Length > 5, TimeSpan.FromSeconds(60));
        }
        finally
        {
            driver.Kill();
        }
        await driver.WaitForExitAsync();
        var clock = Stopwatch.StartNew();

        await using var executor = await ClusterExecutor.ConnectAsync(broker);
        await BatchPredictor.RunAsync(executor, model, small, remote, options);
        var took = clock.Elapsed;

        Assert.True(File.ReadAllBytes(local).AsSpan().SequenceEqual(File.ReadAllBytes(remote)), workers.Output);
        Assert.True(took < TimeSpan.FromSeconds(9), $"the next job took {took.TotalSeconds:F1} s\n{workers.Output}");
        // The dead driver's lease (10 s) never had to run out: its silence while the worker waited for its input ended its
        // job. The next job need not have waited for that (its tasks may run beside the dead job's waiting ones), so the
        // notice can come after it.
        await workers.WaitForOutputAsync(o => o.Contains("stopped: its driver has been silent for over"),
            DriverLeases.SilentWhileFetching + TimeSpan.FromSeconds(5) - clock.Elapsed);
        Assert.DoesNotContain("stopped: its driver stopped renewing its lease", workers.Output);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
