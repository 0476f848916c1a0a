using Scalearn.Data;
using Scalearn.Distributed;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Linear;
using static Scalearn.Tests.Distributed.DistributedTestData;

namespace Scalearn.Tests.Distributed;

public class LogisticDataParallelTests
{
    private static readonly LocalExecutor Executor = new(2);

    private static void AssertSameModel(LinearClassifierModel expected, LinearClassifierModel actual, double tolerance = 1e-6)
    {
        Assert.Equal(expected.Classes, actual.Classes);
        Assert.True(MaxAbsDifference(expected.Coef.Values, actual.Coef.Values) < tolerance,
            $"coefficients differ by {MaxAbsDifference(expected.Coef.Values, actual.Coef.Values)}");
        Assert.True(MaxAbsDifference(expected.Intercept, actual.Intercept) < tolerance);
        Assert.Equal(expected.Probability, actual.Probability);
    }

    [Theory]
    [InlineData(2, "auto", 1)]
    [InlineData(2, "auto", 4)]
    [InlineData(3, "auto", 5)]
    [InlineData(3, "ovr", 3)]
    [InlineData(2, "multinomial", 3)]
    public async Task Partitioned_logistic_regression_equals_the_fit_on_one_machine(int classes, string multiClass, int partitions)
    {
        var data = Classification(classes: classes, seed: classes);
        LogisticRegression Estimator()
        {
            var e = new LogisticRegression { C = 0.5, MaxIter = 200 };
            e.SetParam("multi_class", multiClass);
            return e;
        }
        var single = (LinearClassifierModel)Estimator().Fit(data);
        var partitioned = await Estimator().FitAsync(PartitionedDataset.Split(data, partitions), Executor);
        AssertSameModel(single, partitioned);
    }

    [Fact]
    public async Task One_partition_is_bit_identical_to_the_fit_on_one_machine()
    {
        var data = Classification(classes: 3, seed: 8);
        var single = (LinearClassifierModel)new LogisticRegression().Fit(data);
        var partitioned = await new LogisticRegression().FitAsync(PartitionedDataset.Split(data, 1), Executor);
        Assert.Equal(single.Coef.Values, partitioned.Coef.Values);
        Assert.Equal(single.Intercept, partitioned.Intercept);
    }

    [Fact]
    public async Task Class_weights_and_no_penalty_and_no_intercept_follow_the_fit_on_one_machine()
    {
        var data = Classification(classes: 3, seed: 2);
        foreach (var (name, value) in new (string, object?)[] { ("class_weight", "balanced"), ("penalty", "none"), ("fit_intercept", false) })
        {
            var a = new LogisticRegression { MaxIter = 300 };
            a.SetParam(name, value);
            var b = new LogisticRegression { MaxIter = 300 };
            b.SetParam(name, value);
            AssertSameModel((LinearClassifierModel)a.Fit(data), await b.FitAsync(PartitionedDataset.Split(data, 3), Executor));
        }
        var ovr = new LogisticRegression { MultiClass = MultiClass.Ovr, ClassWeight = ClassWeight.Balanced };
        AssertSameModel((LinearClassifierModel)ovr.Fit(data), await ovr.FitAsync(PartitionedDataset.Split(data, 2), Executor));
    }

    [Fact]
    public async Task A_class_missing_from_a_partition_is_still_known_to_it()
    {
        // Partition 1 holds no row of class 2; the multinomial problem still has a row of coefficients for it everywhere.
        var data = Classification(rows: 1200, classes: 3, seed: 6);
        var order = Enumerable.Range(0, data.Count).OrderBy(i => data.Y![i] == 2 ? 0 : 1).ThenBy(i => i).ToArray();
        var sorted = data.Rows(order).Materialize();
        int twos = data.Y!.Count(v => v == 2);
        var parts = PartitionedDataset.Of([Slice(sorted, 0, twos), Slice(sorted, twos, data.Count)]);
        Assert.DoesNotContain(2.0, parts.Partitions[1].Blob.Value is Dataset d ? d.Y! : []);

        var single = (LinearClassifierModel)new LogisticRegression().Fit(sorted);
        var partitioned = await new LogisticRegression().FitAsync(parts, Executor);
        Assert.Equal([0.0, 1.0, 2.0], partitioned.Classes);
        AssertSameModel(single, partitioned);
    }

    [Fact]
    public async Task A_nan_label_fails_the_fit_naming_the_partition_and_row()
    {
        var data = Classification(rows: 500);
        data.Y![377] = double.NaN;
        var e = await Assert.ThrowsAsync<PartitionDataException>(() => new LogisticRegression().FitAsync(PartitionedDataset.Split(data, 4), Executor));
        Assert.Contains("partition 3", e.Message);
        Assert.Contains("row 377", e.Message);
        Assert.Contains("target is NaN", e.Message);
    }

    [Fact]
    public async Task Bad_targets_and_parameters_are_refused()
    {
        var data = Classification(rows: 200);
        var unlabelled = new Dataset(data.X);
        Assert.Contains("no target column", (await Assert.ThrowsAsync<PartitionDataException>(() =>
            new LogisticRegression().FitAsync(PartitionedDataset.Split(unlabelled, 2), Executor))).Message);
        var oneClass = new Dataset(data.X, new double[200]);
        Assert.Contains("only one class", (await Assert.ThrowsAsync<ArgumentException>(() =>
            new LogisticRegression().FitAsync(PartitionedDataset.Split(oneClass, 2), Executor))).Message);
        // A parameter the data-parallel fit does not handle must keep its default.
        var tuned = new LogisticRegression { Tol = 1e-3 };
        var refused = Assert.Throws<ParameterException>(() => SupportedParameters.Require(tuned, "C", "max_iter"));
        Assert.Equal("tol", refused.Parameter);
        SupportedParameters.Require(new LogisticRegression(), "C");
        Assert.IsType<NotSupportedException>(await Record.ExceptionAsync(() => DataParallel.FitAsync(new Ridge(), PartitionedDataset.Split(data, 2), Executor)));
    }
}
