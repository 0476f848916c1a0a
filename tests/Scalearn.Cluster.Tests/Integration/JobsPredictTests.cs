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
    public async Task AKeptFeatureIsWrittenAsTheFileHasItOnTheWorkersAsLocally()
    {
        var (model, data) = Fixture(3_000);
        // Feature a as written: a 17-digit integer (a double prints 12345678901234568) and zeros a double drops.
        string[] odd = ["12345678901234567", "1.50", "007"];
        var lines = File.ReadAllLines(data);
        for (int r = 0; r < odd.Length; r++)
        {
            var cells = lines[r + 1].Split(',');
            cells[1] = odd[r];
            lines[r + 1] = string.Join(",", cells);
        }
        File.WriteAllLines(data, lines);
        var options = Options() with { Keep = ["id", "a", "target"] };
        string local = Path.Combine(_folder, "local.csv"), remote = Path.Combine(_folder, "remote.csv");
        await BatchPredictor.RunAsync(new LocalExecutor(2), model, data, local, options);
        Assert.Equal(lines.Select(l => l.Split(',')[1]), File.ReadAllLines(local).Select(l => l.Split(',')[1]));

        string broker = Broker.ForCluster("predict-kept");
        await using var workers = await StartWorkersAsync(broker, 2, "predict-kept", _folder);
        await using var executor = await ClusterExecutor.ConnectAsync(broker);
        await BatchPredictor.RunAsync(executor, model, data, remote, options);
        Assert.True(File.ReadAllBytes(local).AsSpan().SequenceEqual(File.ReadAllBytes(remote)), workers.Output);
        await BatchPredictor.RunAsync(executor, model, data, remote, options with { DataOnWorkers = true });
        Assert.True(File.ReadAllBytes(local).AsSpan().SequenceEqual(File.ReadAllBytes(remote)), workers.Output);
    }

    [BrokerFact(Timeout = 120_000)]
    public async Task WithDataOnWorkersEachWorkerFetchesTheModelAndNoPartition()
    {
        var (model, data) = Fixture(8_000);
        Assert.True(new FileInfo(model).Length > Scalearn.Cluster.Wire.WireLimits.InlineInputBytes, "the model should be too large to travel inline");
        string local = Path.Combine(_folder, "local.csv"), remote = Path.Combine(_folder, "remote.csv");
        await BatchPredictor.RunAsync(new LocalExecutor(2), model, data, local, Options());

        string broker = Broker.ForCluster("predict-inline");
        await using var workers = await StartWorkersAsync(broker, 2, "predict-inline", _folder);
        await using var executor = await ClusterExecutor.ConnectAsync(broker);
        await BatchPredictor.RunAsync(executor, model, data, remote, Options() with { DataOnWorkers = true });

        Assert.True(File.ReadAllBytes(local).AsSpan().SequenceEqual(File.ReadAllBytes(remote)), workers.Output);
        // Each partition's descriptor came inside its task's message: the workers asked the driver for the model alone.
        var statistics = executor.Statistics;
        Assert.All(statistics.BlobBytesByWorker.Values, bytes => Assert.Equal(new FileInfo(model).Length, bytes));
        Assert.Equal(statistics.Tasks, statistics.InlineInputs);
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
        await AssertKilledAsync(victim);
        Assert.True(File.ReadAllBytes(local).AsSpan().SequenceEqual(File.ReadAllBytes(remote)), workers.Output);
    }

    /// <summary>Starts workers whose SCALEARN_DATA_DIRS (inherited from this process) is <paramref name="dataDirs"/>: null lets them read no file.</summary>
    internal static async Task<WorkerProcesses> StartWorkersAsync(string broker, int count, string prefix, string? dataDirs)
    {
        await EnvironmentLock.WaitAsync();
        string? previous = Environment.GetEnvironmentVariable(Distributed.DataDirectories.Variable);
        try
        {
            Environment.SetEnvironmentVariable(Distributed.DataDirectories.Variable, dataDirs);
            return await WorkerProcesses.StartAsync(broker, count, prefix);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Distributed.DataDirectories.Variable, previous);
            EnvironmentLock.Release();
        }
    }

    private static readonly SemaphoreSlim EnvironmentLock = new(1, 1);

    /// <summary>The worker is gone because of the SIGKILL (exit code 128 + 9), not because it finished or crashed otherwise.</summary>
    internal static async Task AssertKilledAsync(Cluster.Worker.LocalWorkerProcess victim)
    {
        for (int i = 0; i < 100 && !victim.HasExited; i++) await Task.Delay(100);
        Assert.True(victim.HasExited, "the worker is still running");
        Assert.Equal(128 + 9, victim.ExitCode);
    }

    /// <summary>A fit-groups folder for <see cref="Fixture"/>'s data grouped by id % 5 ("g0".."g4"), and a group "gf" listed as failed.</summary>
    private string GroupFolder(string data)
    {
        string folder = Path.Combine(_folder, "groups");
        Directory.CreateDirectory(Path.Combine(folder, "models"));
        var all = TableReader.ReadAll(data, new TableOptions { Passthrough = ["id"] });
        var ids = ((StringColumn)all.Passthrough[0]).Values;
        var manifest = new List<(string, string?, double[]?)>();
        var table = new StringBuilder("group,rows,score,params,fit_seconds,status,error\n");
        for (int g = 0; g < 5; g++)
        {
            var rows = Enumerable.Range(0, all.Count).Where(i => int.Parse(ids[i]![1..], CultureInfo.InvariantCulture) % 5 == g).Take(600).ToArray();
            var model = (Estimators.IClassifierModel)new RandomForestClassifier { NEstimators = 10, MaxDepth = 2 + g, RandomState = g }.Fit(all.Data.Rows(rows));
            ModelFile.Save(Path.Combine(folder, "models", $"g{g}.scalearn"), (IPersistableModel)model, null, all.Data.FeatureNames);
            manifest.Add(($"g{g}", $"models/g{g}.scalearn", model.Classes));
            table.Append(CultureInfo.InvariantCulture, $"g{g},{rows.Length},1,{{}},0.1,ok,\n");
        }
        manifest.Add(("gf", null, null));
        table.Append("gf,1,,,0,failed,too few rows\n");
        File.WriteAllText(Path.Combine(folder, GroupModels.TableName), table.ToString());
        GroupModels.WriteManifest(folder, "g", "target", manifest);
        return folder;
    }

    /// <summary>The fixture's rows with a group column: g = "g" + (row % 7), so g5 and g6 have no model ("gf" never occurs).</summary>
    private string WithGroups(string data)
    {
        string path = Path.Combine(_folder, "grouped.csv");
        File.WriteAllLines(path, File.ReadAllLines(data).Select((line, i) => (i == 0 ? "g" : "g" + ((i - 1) % 7)) + "," + line));
        return path;
    }

    [BrokerFact(Timeout = 180_000)]
    public async Task GroupModelsAndDataOnWorkersWriteTheLocalBytesAlsoWhenAWorkerIsKilled()
    {
        var (model, plain) = Fixture(20_000);
        string data = WithGroups(plain), folder = GroupFolder(plain);
        string local = Path.Combine(_folder, "local.csv"), remote = Path.Combine(_folder, "remote.csv");
        await GroupRoutedPredictor.RunAsync(new LocalExecutor(2), folder, data, local, Options());
        string plainLocal = Path.Combine(_folder, "plain-local.csv");
        await BatchPredictor.RunAsync(new LocalExecutor(2), model, plain, plainLocal, Options());

        string broker = Broker.ForCluster("predict-groups");
        await using var workers = await StartWorkersAsync(broker, 2, "predict-groups", _folder);
        await using var executor = await ClusterExecutor.ConnectAsync(broker);
        void Same(string expected, string actual) => Assert.True(File.ReadAllBytes(expected).AsSpan().SequenceEqual(File.ReadAllBytes(actual)), workers.Output);

        await GroupRoutedPredictor.RunAsync(executor, folder, data, remote, Options());
        Same(local, remote);
        long shipped = executor.Statistics.BlobBytesByWorker.Values.Sum();
        await GroupRoutedPredictor.RunAsync(executor, folder, data, remote, Options() with { DataOnWorkers = true });
        Same(local, remote);
        // The models were on the workers already, and of the rows only the partitions' descriptors travelled.
        long sent = executor.Statistics.BlobBytesByWorker.Values.Sum() - shipped;
        Assert.True(sent < new FileInfo(data).Length / 10, $"{sent} bytes sent for a file of {new FileInfo(data).Length}");
        await BatchPredictor.RunAsync(executor, model, plain, remote, Options() with { DataOnWorkers = true });
        Same(plainLocal, remote);

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
        await GroupRoutedPredictor.RunAsync(executor, folder, data, remote, Options(progress) with { DataOnWorkers = true });
        Assert.True(killedAt > 0 && killedAt < 20_000, $"worker killed after {killedAt} rows");
        await AssertKilledAsync(victim);
        Same(local, remote);
    }

    [BrokerFact(Timeout = 120_000)]
    public async Task AWorkerThatCannotReadThePathNamesItselfAndThePath()
    {
        var (model, data) = Fixture(2_000);
        string broker = Broker.ForCluster("predict-unreadable");
        await using var workers = await StartWorkersAsync(broker, 1, "predict-unreadable", null);
        await using var executor = await ClusterExecutor.ConnectAsync(broker);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            BatchPredictor.RunAsync(executor, model, data, Path.Combine(_folder, "out.csv"), Options() with { DataOnWorkers = true }));
        Assert.Contains("'predict-unreadable-0'", error.Message);
        Assert.Contains(Path.GetFullPath(data), error.Message);
        Assert.Contains("drop --data-on-workers", error.Message);
        Assert.False(File.Exists(Path.Combine(_folder, "out.csv")));
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
