using System.Globalization;
using System.Text;
using Scalearn.Data.Tables;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Jobs;
using Scalearn.Persistence;
using Scalearn.Trees;

namespace Scalearn.Cluster.Tests.Integration;

/// <summary>fit-groups and knn --self (whole or in shards) on worker processes give the local run's output, also when a worker is SIGKILLed mid-job.</summary>
public sealed class JobsGroupsKnnTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "scalearn-jobs-" + Guid.NewGuid().ToString("N"));

    public JobsGroupsKnnTests() => Directory.CreateDirectory(_folder);

    private string Points(int count, int dims)
    {
        var rng = new Numerics.Rng(11);
        var text = new StringBuilder(string.Join(",", Enumerable.Range(0, dims).Select(d => "f" + d)) + "\n");
        for (int i = 0; i < count; i++)
            text.Append(string.Join(",", Enumerable.Range(0, dims).Select(_ => Math.Round(rng.NextGaussian(), 3).ToString("R", CultureInfo.InvariantCulture)))).Append('\n');
        string path = Path.Combine(_folder, "points.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private string Groups()
    {
        var rng = new Numerics.Rng(12);
        var text = new StringBuilder("g,a,b,target\n");
        for (int i = 0; i < 6_000; i++)
        {
            int g = i % 7 == 0 ? 0 : i % 40;   // group 0 much larger than the rest
            double a = rng.NextGaussian(), b = rng.NextGaussian();
            text.Append(CultureInfo.InvariantCulture, $"k{g},{a:R},{b:R},{(g + 1) * a - b:R}\n");
        }
        string path = Path.Combine(_folder, "groups.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static KillSwitch Kill(WorkerProcesses workers, long afterRows) => new(workers.Workers[0], afterRows);

    private sealed class KillSwitch(Cluster.Worker.LocalWorkerProcess victim, long afterRows) : IProgress<JobProgress>
    {
        public long KilledAt { get; private set; } = -1;

        public void Report(JobProgress p)
        {
            if (KilledAt >= 0 || p.Rows < afterRows || !victim.Output.Contains(" ok")) return;
            KilledAt = p.Rows;
            victim.Kill();
        }
    }

    [BrokerFact(Timeout = 150_000)]
    public async Task KnnSelfOnTwoWorkersMatchesTheLocalBytesAlsoWhenAWorkerIsKilled()
    {
        string points = Points(12_000, 8);
        string local = Path.Combine(_folder, "local.csv"), remote = Path.Combine(_folder, "remote.csv"), killed = Path.Combine(_folder, "killed.csv");
        var options = new KnnQueryOptions { K = 5, BatchSize = 300 };
        await KnnQueryJob.RunAsync(new LocalExecutor(2), points, null, local, options);

        string broker = Broker.ForCluster("knn");
        await using var workers = await JobsPredictTests.StartWorkersAsync(broker, 2, "knn", _folder);
        await using var executor = await ClusterExecutor.ConnectAsync(broker);
        await KnnQueryJob.RunAsync(executor, points, null, remote, options);
        Assert.True(File.ReadAllBytes(local).AsSpan().SequenceEqual(File.ReadAllBytes(remote)), workers.Output);
        await KnnQueryJob.RunAsync(executor, points, null, remote, options with { DataOnWorkers = true });
        Assert.True(File.ReadAllBytes(local).AsSpan().SequenceEqual(File.ReadAllBytes(remote)), workers.Output);

        var kill = Kill(workers, 1_500);
        await KnnQueryJob.RunAsync(executor, points, null, killed, options with { Progress = kill });
        Assert.True(kill.KilledAt > 0 && kill.KilledAt < 12_000, $"killed after {kill.KilledAt} rows");
        await JobsPredictTests.AssertKilledAsync(workers.Workers[0]);
        Assert.True(File.ReadAllBytes(local).AsSpan().SequenceEqual(File.ReadAllBytes(killed)), workers.Output);
    }

    [BrokerFact(Timeout = 150_000)]
    public async Task KnnWithTwoShardsOnTwoWorkersMatchesTheUnshardedLocalBytesAlsoWhenAWorkerIsKilled()
    {
        string points = Points(12_000, 8);
        string local = Path.Combine(_folder, "local.csv"), remote = Path.Combine(_folder, "remote.csv"), killed = Path.Combine(_folder, "killed.csv");
        var options = new KnnQueryOptions { K = 5, BatchSize = 300 };
        await KnnQueryJob.RunAsync(new LocalExecutor(2), points, null, local, options);

        string broker = Broker.ForCluster("knn-shards");
        await using var workers = await WorkerProcesses.StartAsync(broker, 2, "knn-shards");
        await using var executor = await ClusterExecutor.ConnectAsync(broker);
        var sharded = options with { Shards = 2 };
        await KnnQueryJob.RunAsync(executor, points, null, remote, sharded);
        Assert.True(File.ReadAllBytes(local).AsSpan().SequenceEqual(File.ReadAllBytes(remote)), workers.Output);
        // Placement: each worker loaded one shard and ran every task of it (task key = chunk << 16 | shard).
        var shardsRun = workers.Workers.Select(w => System.Text.RegularExpressions.Regex.Matches(w.Output, @"task (\d+) scalearn\.knn-shard [\d.]+s ok")
            .Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) & 0xFFFF).Distinct().Order().ToList()).ToList();
        Assert.True(shardsRun.Count(s => s.Count == 1) == 2 && shardsRun[0][0] != shardsRun[1][0], $"shards run per worker: {string.Join(" | ", shardsRun.Select(s => string.Join(",", s)))}");

        // Progress counts query rows per shard task: 2 x 12,000 in all.
        var kill = Kill(workers, 3_000);
        await KnnQueryJob.RunAsync(executor, points, null, killed, sharded with { Progress = kill });
        Assert.True(kill.KilledAt > 0 && kill.KilledAt < 24_000, $"killed after {kill.KilledAt} rows");
        Assert.True(File.ReadAllBytes(local).AsSpan().SequenceEqual(File.ReadAllBytes(killed)), workers.Output);
    }

    [BrokerFact(Timeout = 150_000)]
    public async Task FitGroupsOnTwoWorkersMatchesTheLocalRunAlsoWhenAWorkerIsKilled()
    {
        string data = Groups();
        var spec = EstimatorSpec.Of(new DecisionTreeRegressor { MaxDepth = 4, RandomState = 0 });
        var options = new GroupTrainOptions { GroupBy = "g" };
        static IEnumerable<(string, int, double, string, bool)> Summary(IReadOnlyList<GroupFit> fits) => fits.Select(f => (f.Key, f.Rows, f.Score, f.Params, f.Ok));
        var local = await GroupTrainer.RunAsync(new LocalExecutor(2), data, spec, options);

        string broker = Broker.ForCluster("groups");
        await using var workers = await JobsPredictTests.StartWorkersAsync(broker, 2, "groups", _folder);
        await using var executor = await ClusterExecutor.ConnectAsync(broker);
        var remote = await GroupTrainer.RunAsync(executor, data, spec, options);
        Assert.Equal(Summary(local), Summary(remote));
        Assert.All(remote, f => Assert.True(f.Ok, f.Error));
        var read = await GroupTrainer.RunAsync(executor, data, spec, options with { DataOnWorkers = true });
        Assert.Equal(Summary(local), Summary(read));

        // Workers on this machine see the drop folder: they write the model files themselves, and a task re-run after
        // the kill leaves no second file behind.
        var kill = Kill(workers, 1);
        var drop = ModelDrop.Open(Path.Combine(_folder, "models"));
        var killed = await GroupTrainer.RunAsync(executor, data, spec, options with { Progress = kill, DataOnWorkers = true, Drop = drop });
        Assert.True(kill.KilledAt > 0, "the worker was never killed: the job ended before it finished a task");
        await JobsPredictTests.AssertKilledAsync(workers.Workers[0]);
        Assert.Equal(Summary(local), Summary(killed));
        foreach (var (sent, written) in local.Zip(killed))
        {
            Assert.True(written.Model is null && File.Exists(written.ModelFile), written.Key);
            var x = TableReader.ReadAll(data, new TableOptions { Group = "g" }).Data;
            Assert.Equal(((IPredictor)ModelFile.Load(new MemoryStream(sent.Model!)).Model).Predict(x), ((IPredictor)ModelFile.Load(written.ModelFile!).Model).Predict(x));
        }
        var kept = killed.Select(f => f.ModelFile!).ToHashSet();
        foreach (var file in kept) File.Move(file, file + ".kept");
        drop.Dispose();
        Assert.Equal(kept.Select(f => Path.GetFileName(f) + ".kept").Order(), Directory.GetFiles(drop.Folder).Select(f => Path.GetFileName(f)!).Order());
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
