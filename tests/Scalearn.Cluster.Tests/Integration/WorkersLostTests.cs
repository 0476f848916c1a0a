using System.Globalization;
using System.Text;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Jobs;
using Scalearn.Trees;

namespace Scalearn.Cluster.Tests.Integration;

/// <summary>Every worker SIGKILLed mid-job and none back within the no-worker timeout: the job fails saying so, keeping what was done.</summary>
public sealed class WorkersLostTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scalearn-workers-lost-").FullName;

    private string Groups()
    {
        var rng = new Numerics.Rng(5);
        var text = new StringBuilder("g,a,b,target\n");
        for (int i = 0; i < 6_000; i++)
        {
            int g = i % 30;
            double a = rng.NextGaussian(), b = rng.NextGaussian();
            text.Append(CultureInfo.InvariantCulture, $"k{g},{a:R},{b:R},{(g + 1) * a - b:R}\n");
        }
        string path = Path.Combine(_folder, "groups.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [BrokerFact(Timeout = 120_000)]
    public async Task FitGroupsKeepsTheGroupsFittedBeforeTheLastWorkerDiedAndFailsTheOthersWithTheReason()
    {
        string data = Groups();
        var spec = EstimatorSpec.Of(new DecisionTreeRegressor { MaxDepth = 4 });
        var options = new GroupTrainOptions { GroupBy = "g", Grid = """{"min_samples_leaf":[1,5,10,20]}""", Cv = 3 };
        var local = (await GroupTrainer.RunAsync(new LocalExecutor(2), data, spec, options)).ToDictionary(f => f.Key);

        string broker = Broker.ForCluster("workers-lost");
        await using var workers = await WorkerProcesses.StartAsync(broker, 2, "workers-lost");
        await using var executor = await ClusterExecutor.ConnectAsync(broker, new ClusterOptions { NoWorkerTimeout = TimeSpan.FromSeconds(4) });
        var fits = await GroupTrainer.RunAsync(executor, data, spec, options with
        {
            Received = fit =>
            {
                foreach (var worker in workers.Workers.Where(w => !w.HasExited)) worker.Kill();
                return fit;
            },
        });

        Assert.Equal(local.Keys.Order(), fits.Select(f => f.Key).Order());
        var kept = fits.Where(f => f.Ok).ToList();
        var lost = fits.Where(f => !f.Ok).ToList();
        Assert.NotEmpty(kept);
        Assert.NotEmpty(lost);
        Assert.All(kept, f => Assert.Equal((local[f.Key].Rows, local[f.Key].Score, local[f.Key].Params), (f.Rows, f.Score, f.Params)));
        Assert.All(kept, f => Assert.NotNull(f.Model));
        Assert.All(lost, f => Assert.StartsWith("not fitted: No worker connected to cluster", f.Error));
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
