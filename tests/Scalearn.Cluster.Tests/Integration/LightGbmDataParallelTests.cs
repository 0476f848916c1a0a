using Scalearn.Boosting;
using Scalearn.Data.Generators;
using Scalearn.Distributed;
using Scalearn.Distributed.LightGbm;

namespace Scalearn.Cluster.Tests.Integration;

/// <summary>LightGBM's own data-parallel training with one rank on each of two worker processes.</summary>
public sealed class LightGbmDataParallelTests
{
    [BrokerFact(Timeout = 180_000)]
    public async Task TwoWorkersTrainTheModelOfOneMachine()
    {
        string broker = Broker.ForCluster("lgbm");
        await using var workers = await WorkerProcesses.StartAsync(broker, 2, "lgbm");
        await using var executor = await ClusterExecutor.ConnectAsync(broker);
        var data = DataGenerators.MakeRegression(nSamples: 2000, nFeatures: 6, nInformative: 4, noise: 5, randomState: 3);
        LGBMRegressor Estimator() => new() { NEstimators = 30, NumLeaves = 15, MinChildSamples = 10 };

        var single = (BoostingRegressorModel)Estimator().Fit(data);
        // Unequal partitions: every rank starts from the whole data's mean, not the mean of the ranks' means.
        var parts = PartitionedDataset.Of([data.Rows([.. Enumerable.Range(0, 700)]).Materialize(), data.Rows([.. Enumerable.Range(700, 1300)]).Materialize()]);
        var distributed = await Estimator().FitAsync(parts, executor);

        var expected = single.Predict(data.All);
        var actual = distributed.Predict(data.All);
        double worst = expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(worst < 1e-9, $"predictions differ by {worst}\n{workers.Output}");
        Assert.Equal(Trees(single.ModelText), Trees(distributed.ModelText));
    }

    [BrokerFact(Timeout = 180_000)]
    public async Task WorkersAdvertisingAWrongAddressGiveAClearError()
    {
        string broker = Broker.ForCluster("lgbm-unreachable");
        WorkerProcesses workers;
        // Workers advertising an address that is not theirs (TEST-NET-1): the probe round says so before LightGBM's network.
        Environment.SetEnvironmentVariable("SCALEARN_LIGHTGBM_HOST", "192.0.2.1");
        try
        {
            workers = await WorkerProcesses.StartAsync(broker, 2, "lgbm-unreachable");
        }
        finally
        {
            Environment.SetEnvironmentVariable("SCALEARN_LIGHTGBM_HOST", null);
        }
        await using (workers)
        {
            await using var executor = await ClusterExecutor.ConnectAsync(broker);
            var data = DataGenerators.MakeRegression(nSamples: 400, nFeatures: 4, randomState: 1);
            var e = await Assert.ThrowsAsync<DataParallelException>(() => new LGBMRegressor().FitAsync(PartitionedDataset.Split(data, 2), executor));
            Assert.True(e.Message.Contains("workers cannot reach each other", StringComparison.Ordinal), e.Message);
            Assert.Contains("advertises 192.0.2.1", e.Message);
        }
    }

    private static string Trees(string modelText)
    {
        int start = modelText.IndexOf("Tree=0", StringComparison.Ordinal);
        int end = modelText.IndexOf("end of trees", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "model text without trees");
        return modelText[start..end];
    }
}
