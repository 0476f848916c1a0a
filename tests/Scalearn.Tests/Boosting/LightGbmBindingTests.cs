using Scalearn.Boosting;
using Scalearn.Boosting.Native;
using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Tests.Boosting;

[Collection(LightGbmCollection.Name)]
public class LightGbmBindingTests
{
    private static Dataset Blobs(int rows = 200, int seed = 0)
    {
        var rng = new Scalearn.Numerics.Rng(seed);
        var x = new Matrix(rows, 3);
        var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            y[i] = i % 2;
            for (int j = 0; j < 3; j++) x[i, j] = rng.NextGaussian() + (j == 0 ? 2 * y[i] : 0);
        }
        return new Dataset(x, y);
    }

    [Fact]
    public void MissingLibraryGivesOneClearLine()
    {
        string? failure = LightGbmLibrary.Probe("lib_lightgbm_that_does_not_exist");
        Assert.NotNull(failure);
        Assert.DoesNotContain('\n', failure);
        Assert.Contains("lib_lightgbm_that_does_not_exist", failure);
        Assert.Contains("could not be loaded", failure);
        Assert.Null(LightGbmLibrary.Probe(LightGbmApi.Library));
    }

    [Fact]
    public void EstimatorsReportAnUnloadableLibraryBeforeTouchingNativeCode()
    {
        using (LightGbmLibrary.SimulateLibrary("lib_lightgbm_missing"))
        {
            var e = Assert.Throws<LightGbmUnavailableException>(() => new LGBMClassifier().Fit(Blobs()));
            Assert.Contains("lib_lightgbm_missing", e.Message);
            Assert.DoesNotContain('\n', e.Message);
        }
        Assert.IsType<BoostingClassifierModel>(new LGBMClassifier { NEstimators = 2 }.Fit(Blobs()));
    }

    [Fact]
    public void ParameterRejectedByLightGbmNamesTheEstimatorParameter()
    {
        var data = Blobs();
        var targets = BoostingTargets.Classification(data, default, "test");
        var parameters = BoostingDefaults.Apply(new LightGbmParameters().Set("objective", "binary").Set("num_leaves", 1, "max_leaf_nodes"));
        var e = Assert.Throws<ParameterException>(() => BoostingTrainer.Train(data, null, targets, parameters, 2, 1, true, null));
        Assert.Equal("max_leaf_nodes", e.Parameter);
        Assert.Contains("num_leaves", e.Message);
    }

    [Fact]
    public void UnattributedNativeErrorCarriesLightGbmText()
    {
        var data = Blobs();
        var targets = BoostingTargets.Classification(data, default, "test");
        var parameters = BoostingDefaults.Apply(new LightGbmParameters().Set("objective", "no_such_objective"));
        var e = Assert.Throws<LightGbmException>(() => BoostingTrainer.Train(data, null, targets, parameters, 2, 1, true, null));
        Assert.Contains("no_such_objective", e.NativeMessage);
        Assert.StartsWith("LightGBM failed to", e.Message);
    }

    [Fact]
    public void CorruptModelTextIsRefusedWithoutCrashing()
    {
        var e = Assert.Throws<LightGbmException>(() => new BoosterPool("tree\nnot a model at all"));
        Assert.Contains("load a model", e.Message);
    }

    [Fact]
    public void TrainerRefusesUseFromAnotherThread()
    {
        var data = Blobs();
        string parameters = BoostingDefaults.Apply(new LightGbmParameters().Set("objective", "binary")).Format(1);
        var labels = data.Y!.Select(v => (float)v).ToArray();
        using var set = NativeDataset.Create(data.All, labels, null, parameters, null);
        using var trainer = new NativeTrainer(set, parameters);
        trainer.UpdateOneIteration();
        Exception? error = null;
        var thread = new Thread(() => error = Record.Exception(() => trainer.UpdateOneIteration()));
        thread.Start();
        thread.Join();
        Assert.IsType<InvalidOperationException>(error);
        Assert.Equal(1, trainer.CurrentIteration);
    }

    [Fact]
    public void ThreadGateAdmitsOneThreadCountAtATime()
    {
        using var first = NativeThreads.Enter(2, adopt: false);
        using (var adopted = NativeThreads.Enter(1, adopt: true)) Assert.Equal(2, adopted.Threads);
        var started = new ManualResetEventSlim();
        int? threadsSeen = null;
        var waiter = new Thread(() =>
        {
            started.Set();
            using var lease = NativeThreads.Enter(1, adopt: false);
            threadsSeen = lease.Threads;
        });
        waiter.Start();
        started.Wait();
        Thread.Sleep(100);
        Assert.Null(threadsSeen);
        first.Dispose();
        Assert.True(waiter.Join(TimeSpan.FromSeconds(5)));
        Assert.Equal(1, threadsSeen);
    }

    [Fact]
    public void DefaultThreadCountIsTheExecutorsShareOfTheMachine()
    {
        int cores = Environment.ProcessorCount;
        Assert.Equal(cores, ThreadCount.Resolve(null));
        Assert.Equal(3, ThreadCount.Resolve(3));
        Assert.Equal(cores, ThreadCount.Resolve(-1));
        Assert.Equal(Math.Max(1, cores - 1), ThreadCount.Resolve(-2));
        using (Scalearn.Execution.ThreadBudget.Enter(Scalearn.Execution.ThreadBudget.Share(cores)))
        {
            Assert.Equal(1, ThreadCount.Resolve(null));
            Assert.Equal(4, ThreadCount.Resolve(4));
        }
        Assert.Equal(cores, ThreadCount.Resolve(null));
    }
}
