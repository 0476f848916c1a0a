using System.Globalization;
using System.Text;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Jobs;
using Scalearn.Linear;
using Scalearn.Persistence;
using Scalearn.Pipelines;
using Scalearn.Preprocessing;

namespace Scalearn.Cluster.Tests.Integration;

/// <summary>fit-stream on worker processes gives the local run's model bytes and chunk scores, also when a worker is SIGKILLed mid-job.</summary>
public sealed class JobsStreamTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "scalearn-stream-" + Guid.NewGuid().ToString("N"));

    public JobsStreamTests() => Directory.CreateDirectory(_folder);

    private string Data()
    {
        var rng = new Numerics.Rng(21);
        var text = new StringBuilder("a,b,c,target\n");
        for (int i = 0; i < 30_000; i++)
        {
            double a = rng.NextGaussian(), b = rng.NextGaussian(), c = rng.NextGaussian();
            text.Append(CultureInfo.InvariantCulture, $"{a:R},{b:R},{c:R},{(a - 2 * b + 0.3 * c > 0 ? 1 : 0)}\n");
        }
        string path = Path.Combine(_folder, "stream.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>SIGKILLs the first worker once it has served a task and the stream is past <paramref name="afterRows"/> rows.</summary>
    private sealed class KillSwitch(Cluster.Worker.LocalWorkerProcess victim, long afterRows) : IProgress<StreamFitProgress>
    {
        public List<StreamFitProgress> Chunks { get; } = [];
        public long KilledAt { get; private set; } = -1;

        public void Report(StreamFitProgress p)
        {
            Chunks.Add(p);
            if (KilledAt >= 0 || p.RowsLearned < afterRows || !victim.Output.Contains(" ok")) return;
            KilledAt = p.RowsLearned;
            victim.Kill();
        }
    }

    private sealed class Recorder : IProgress<StreamFitProgress>
    {
        public List<StreamFitProgress> Chunks { get; } = [];
        public void Report(StreamFitProgress value) => Chunks.Add(value);
    }

    /// <summary>The model's payload (a model file also records when it was written).</summary>
    private static byte[] Bytes(StreamFitResult result)
    {
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream)) ((IPersistableModel)result.Model).WritePayload(writer);
        return stream.ToArray();
    }

    private static IEnumerable<(int, int, long, double)> Scores(IEnumerable<StreamFitProgress> chunks) => chunks.Select(c => (c.Epoch, c.Chunk, c.FirstRow, c.Score));

    [BrokerFact(Timeout = 150_000)]
    public async Task FitStreamOnTwoWorkersMatchesTheLocalRunAlsoWhenAWorkerIsKilled()
    {
        string data = Data();
        static IEstimator Estimator() => new Pipeline(("scale", new StandardScaler()), ("sgd", new SGDClassifier { RandomState = 2 }));
        StreamFitOptions Options(IProgress<StreamFitProgress> progress) =>
            new() { ChunkSize = 1_000, Epochs = 2, ShuffleChunks = true, RandomState = 5, Progress = progress };
        var localProgress = new Recorder();
        var local = await StreamTrainer.RunAsync(new LocalExecutor(2), data, Estimator(), Options(localProgress));
        Assert.Equal(60, localProgress.Chunks.Count);

        string broker = Broker.ForCluster("stream");
        await using var workers = await WorkerProcesses.StartAsync(broker, 2, "stream");
        await using var executor = await ClusterExecutor.ConnectAsync(broker);
        var remoteProgress = new Recorder();
        var remote = await StreamTrainer.RunAsync(executor, data, Estimator(), Options(remoteProgress));
        Assert.Equal(Bytes(local), Bytes(remote));
        Assert.Equal(Scores(localProgress.Chunks), Scores(remoteProgress.Chunks));
        Assert.Equal(local.EpochScores, remote.EpochScores);

        var kill = new KillSwitch(workers.Workers[0], 8_000);
        var killed = await StreamTrainer.RunAsync(executor, data, Estimator(), Options(kill));
        Assert.True(kill.KilledAt > 0 && kill.KilledAt < 60_000, $"killed after {kill.KilledAt} rows\n{workers.Output}");
        Assert.Equal(Bytes(local), Bytes(killed));
        Assert.Equal(Scores(localProgress.Chunks), Scores(kill.Chunks));
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
