using Scalearn.Boosting;
using Scalearn.Data;
using Scalearn.Data.Generators;
using Scalearn.Distributed;
using Scalearn.Distributed.LightGbm;
using Scalearn.Estimators;
using Scalearn.Execution;
using static Scalearn.Tests.Distributed.DistributedTestData;

namespace Scalearn.Tests.Distributed;

/// <summary>
/// LightGBM's data-parallel training with its ranks as threads of this process on loopback (this machine's executor):
/// compared with LightGBM trained on one machine from the same bins.
/// </summary>
[Collection(LightGbmNetworkCollection.Name)]
public class LightGbmDataParallelTests
{
    private static readonly LocalExecutor Executor = new(3);

    internal static string Trees(string modelText)
    {
        int start = modelText.IndexOf("Tree=0", StringComparison.Ordinal);
        int end = modelText.IndexOf("end of trees", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "model text without trees");
        return modelText[start..end];
    }

    private static Dataset Regression(int rows = 2000, int seed = 3) =>
        DataGenerators.MakeRegression(nSamples: rows, nFeatures: 6, nInformative: 4, noise: 5, randomState: seed);

    /// <summary>
    /// Partitions of equal size: LightGBM starts every rank from the unweighted mean of the ranks' own starting scores
    /// (ObtainAutomaticInitialScore), which is the whole data's only when the ranks hold equally many rows.
    /// </summary>
    [Theory]
    [InlineData(2, 2000)]
    public async Task Regressor_on_ranks_equals_the_fit_on_one_machine(int partitions, int rows)
    {
        var data = Regression(rows);
        LGBMRegressor Estimator() => new() { NEstimators = 30, NumLeaves = 15, MinChildSamples = 10 };
        var single = (BoostingRegressorModel)Estimator().Fit(data);
        var distributed = await Estimator().FitAsync(PartitionedDataset.Split(data, partitions), new LocalExecutor(partitions));
        var expected = single.Predict(data.All);
        var actual = distributed.Predict(data.All);
        Assert.True(MaxAbsDifference(expected, actual) < 1e-9, $"predictions differ by {MaxAbsDifference(expected, actual)}");
        Assert.Equal(Trees(single.ModelText), Trees(distributed.ModelText));
    }

    [Fact]
    public async Task Unequal_partitions_start_from_the_mean_of_the_ranks_starting_scores()
    {
        var data = Regression(2000);
        var parts = PartitionedDataset.Of([Slice(data, 0, 500), Slice(data, 500, 2000)]);
        var distributed = await new LGBMRegressor { NEstimators = 1, NumLeaves = 2, LearningRate = 1e-9 }.FitAsync(parts, Executor);
        double Mean(int from, int to) => Enumerable.Range(from, to - from).Average(i => (double)(float)data.Y![i]);
        double expected = (Mean(0, 500) + Mean(500, 2000)) / 2;
        Assert.Equal(expected, distributed.Predict(data.All)[0], 4);
        Assert.NotEqual(Mean(0, 2000), distributed.Predict(data.All)[0], 4);
    }

    /// <summary>
    /// Classifiers start from the mean of the ranks' own log-odds (LightGBM's ObtainAutomaticInitialScore), not the
    /// whole data's, so their trees differ from a single-machine fit's even on equal partitions; the fit is as good.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Classifier_on_ranks_is_as_accurate_as_the_fit_on_one_machine(int classes)
    {
        var data = Classification(rows: 2000, classes: classes, seed: classes);
        LGBMClassifier Estimator() => new() { NEstimators = 20, NumLeaves = 7 };
        var single = (BoostingClassifierModel)Estimator().Fit(data);
        var distributed = await Estimator().FitAsync(PartitionedDataset.Split(data, 2), Executor);
        Assert.Equal(single.Classes, distributed.Classes);
        double Accuracy(IModel model) => Scalearn.Metrics.ClassificationMetrics.Accuracy(data.Y!, ((IPredictor)model).Predict(data.All));
        Assert.InRange(Accuracy(distributed), Accuracy(single) - 0.02, 1.0);
    }

    [Fact]
    public async Task A_parameter_LightGBM_rejects_is_named_before_any_rank_trains()
    {
        var data = Regression(400);
        var e = await Assert.ThrowsAsync<ParameterException>(() => LightGbmDataParallel.TrainAsync(new LGBMRegressor(), PartitionedDataset.Split(data, 2),
            Executor, null, default, classifier: false, _ => new LGBMRegressor().CheckedParameters("regression").Set("num_leaves", 1, "num_leaves")));
        Assert.Contains("num_leaves", e.Message);
    }

    [Fact]
    public async Task Too_few_slots_or_partitions_are_refused_with_the_reason()
    {
        var data = Regression(400);
        var slots = await Assert.ThrowsAsync<DataParallelException>(() => new LGBMRegressor().FitAsync(PartitionedDataset.Split(data, 3), new LocalExecutor(2)));
        Assert.Contains("3 ranks at once", slots.Message);
        var single = await Assert.ThrowsAsync<ArgumentException>(() => new LGBMRegressor().FitAsync(PartitionedDataset.Split(data, 1), Executor));
        Assert.Contains("at least two partitions", single.Message);
        var weights = await Assert.ThrowsAsync<ParameterException>(() =>
            new LGBMClassifier { ClassWeight = Scalearn.Linear.ClassWeight.Balanced }.FitAsync(PartitionedDataset.Split(Classification(rows: 400), 2), Executor));
        Assert.Contains("class_weight", weights.Message);
    }

    [Fact]
    public async Task Bad_labels_name_the_partition()
    {
        var data = Regression(400);
        var y = (double[])data.Y!.Clone();
        y[300] = double.NaN;
        var bad = new Dataset(data.X, y, data.FeatureNames, data.TargetName);
        var e = await Assert.ThrowsAsync<PartitionDataException>(() => new LGBMRegressor().FitAsync(PartitionedDataset.Split(bad, 2), Executor));
        Assert.Contains("partition 1", e.Message);
    }
}
