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
    /// Regression (constant hessians, so LightGBM's data-parallel leaf counts are exact): the same tree text as a
    /// single-machine fit however the rows are split, equal or not, because every rank starts from the whole data's mean.
    /// </summary>
    [Theory]
    [InlineData(new[] { 1000, 1000 })]
    [InlineData(new[] { 500, 1500 })]
    [InlineData(new[] { 300, 1100, 600 })]
    public async Task Regressor_on_ranks_equals_the_fit_on_one_machine(int[] sizes)
    {
        var data = Regression(sizes.Sum());
        LGBMRegressor Estimator() => new() { NEstimators = 30, NumLeaves = 15, MinChildSamples = 10 };
        var single = (BoostingRegressorModel)Estimator().Fit(data);
        var distributed = await Estimator().FitAsync(Split(data, sizes), Executor);
        var expected = single.Predict(data.All);
        var actual = distributed.Predict(data.All);
        Assert.True(MaxAbsDifference(expected, actual) < 1e-9, $"predictions differ by {MaxAbsDifference(expected, actual)}");
        Assert.Equal(Trees(single.ModelText), Trees(distributed.ModelText));
    }

    /// <summary>
    /// The start is the whole data's for every objective computed from sums or counts (LightGBM alone would take the
    /// mean of the ranks' own starts): after one round at a negligible learning rate the prediction is that start.
    /// </summary>
    [Theory]
    [InlineData("regression")]
    [InlineData("poisson")]
    [InlineData("binary")]
    [InlineData("multiclass")]
    public async Task Every_rank_starts_from_the_whole_datas_score(string objective)
    {
        var data = objective switch
        {
            "binary" => Classification(rows: 2000, classes: 2, seed: 5),
            "multiclass" => Classification(rows: 2000, classes: 3, seed: 6),
            _ => Regression(2000),
        };
        if (objective == "poisson")
            data = new Dataset(data.X, [.. data.Y!.Select(y => Math.Abs(y) / 10 + 1)], data.FeatureNames, data.TargetName);
        var parts = Split(data, [400, 1600]);
        const double rate = 1e-12;
        if (objective is "binary" or "multiclass")
        {
            LGBMClassifier Classifier() => new() { NEstimators = 1, NumLeaves = 2, LearningRate = rate };
            var single = (BoostingClassifierModel)Classifier().Fit(data);
            var distributed = await Classifier().FitAsync(parts, Executor);
            var p = single.PredictProba(data.All).Values;
            var q = distributed.PredictProba(data.All).Values;
            Assert.True(MaxAbsDifference(p, q) < 1e-9, $"probabilities differ by {MaxAbsDifference(p, q)}");
        }
        else
        {
            LGBMRegressor Regressor() => new() { Objective = objective, NEstimators = 1, NumLeaves = 2, LearningRate = rate };
            var single = (BoostingRegressorModel)Regressor().Fit(data);
            var distributed = await Regressor().FitAsync(parts, Executor);
            var expected = single.Predict(data.All);
            var actual = distributed.Predict(data.All);
            Assert.True(MaxAbsDifference(expected, actual) < 1e-9, $"predictions differ by {MaxAbsDifference(expected, actual)}");
        }
    }

    /// <summary>
    /// Classifiers' hessians vary by row, and LightGBM's data-parallel learner knows a leaf's global row count only as
    /// estimated from its hessian sum (min_child_samples then decides on the estimate), so a split can differ from a
    /// single-machine fit's; the fit is as good.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Classifier_on_ranks_is_as_accurate_as_the_fit_on_one_machine(int classes)
    {
        var data = Classification(rows: 2000, classes: classes, seed: classes);
        LGBMClassifier Estimator() => new() { NEstimators = 20, NumLeaves = 7 };
        var single = (BoostingClassifierModel)Estimator().Fit(data);
        var distributed = await Estimator().FitAsync(Split(data, [700, 1300]), Executor);
        Assert.Equal(single.Classes, distributed.Classes);
        double Accuracy(IModel model) => Scalearn.Metrics.ClassificationMetrics.Accuracy(data.Y!, ((IPredictor)model).Predict(data.All));
        Assert.InRange(Accuracy(distributed), Accuracy(single) - 0.02, 1.0);
    }

    private static PartitionedDataset Split(Dataset data, int[] sizes)
    {
        var parts = new List<Dataset>();
        int at = 0;
        foreach (int size in sizes)
        {
            parts.Add(Slice(data, at, at + size));
            at += size;
        }
        return PartitionedDataset.Of(parts);
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
