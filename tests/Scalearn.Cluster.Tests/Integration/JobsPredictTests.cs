using System.Globalization;
using System.Text;
using Scalearn.Data.Tables;
using Scalearn.Ensemble;
using Scalearn.Execution;
using Scalearn.Jobs;
using Scalearn.Persistence;

namespace Scalearn.Cluster.Tests.Integration;

/// <summary>Batch inference on worker processes writes the same bytes as on this machine, also when a worker is SIGKILLed mid-job.</summary>
public sealed class JobsPredictTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "scalearn-jobs-predict-" + Guid.NewGuid().ToString("N"));

    public JobsPredictTests() => Directory.CreateDirectory(_folder);

    private (string Model, string Data) Fixture(int rows)
    {
        var rng = new Numerics.Rng(3);
        var text = new StringBuilder("id,a,b,c,d,target\n");
        for (int r = 0; r < rows; r++)
        {
            double a = rng.NextGaussian(), b = rng.NextGaussian(), c = rng.NextGaussian(), d = rng.NextGaussian();
            int y = a + 0.5 * b > 0.3 ? 1 : c * d > 0.2 ? 2 : 0;
            text.Append(CultureInfo.InvariantCulture, $"r{r},{a:R},{b:R},{c:R},{d:R},{y}\n");
        }
        string data = Path.Combine(_folder, "data.csv");
        File.WriteAllText(data, text.ToString());
        var train = TableReader.Load(data, new TableOptions { Exclude = ["id"] });
        var model = (IPersistableModel)new RandomForestClassifier { NEstimators = 40, RandomState = 1 }.Fit(train);
        string path = Path.Combine(_folder, "forest.scalearn");
        ModelFile.Save(path, model, null, train.FeatureNames);
        return (path, data);
    }

    private static BatchPredictOptions Options(IProgress<JobProgress>? progress = null) =>
        new() { BatchSize = 250, Proba = true, Keep = ["id"], Target = "target", Progress = progress };

    [BrokerFact(Timeout = 120_000)]
    public async Task TwoWorkersWriteTheSameFileAsTheLocalRun()
    {
        var (model, data) = Fixture(8_000);
        string local = Path.Combine(_folder, "local.csv"), remote = Path.Combine(_folder, "remote.csv");
        await BatchPredictor.RunAsync(new LocalExecutor(2), model, data, local, Options());

        string broker = Broker.ForCluster("predict");
        await using var workers = await WorkerProcesses.StartAsync(broker, 2, "predict");
        await using var executor = await ClusterExecutor.ConnectAsync(broker);
        var summary = await BatchPredictor.RunAsync(executor, model, data, remote, Options());

        Assert.Equal(8_000, summary.Rows);
        Assert.True(File.ReadAllBytes(local).AsSpan().SequenceEqual(File.ReadAllBytes(remote)), workers.Output);
        // The model file went to each worker that ran a task once, not once per chunk.
        Assert.All(executor.Statistics.BlobBytesByWorker.Values, bytes => Assert.True(bytes < new FileInfo(model).Length + 8_000L * 60, $"{bytes} bytes"));
    }

    [BrokerFact(Timeout = 120_000)]
    public async Task AWorkerKilledMidJobLosesAndDuplicatesNoRow()
    {
        var (model, data) = Fixture(20_000);
        string local = Path.Combine(_folder, "local.csv"), remote = Path.Combine(_folder, "remote.csv");
        await BatchPredictor.RunAsync(new LocalExecutor(2), model, data, local, Options());

        string broker = Broker.ForCluster("predict-kill");
        await using var workers = await WorkerProcesses.StartAsync(broker, 2, "predict-kill");
        await using var executor = await ClusterExecutor.ConnectAsync(broker);
        var victim = workers.Workers[0];
        long killedAt = -1;
        var progress = new SyncProgress<JobProgress>(p =>
        {
            if (killedAt < 0 && p.Rows >= 2_000 && victim.Output.Contains(" ok"))
            {
                killedAt = p.Rows;
                victim.Kill();
            }
        });
        await BatchPredictor.RunAsync(executor, model, data, remote, Options(progress));

        Assert.True(killedAt > 0 && killedAt < 20_000, $"worker killed after {killedAt} rows");
        Assert.True(victim.HasExited);
        Assert.True(File.ReadAllBytes(local).AsSpan().SequenceEqual(File.ReadAllBytes(remote)), workers.Output);
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
