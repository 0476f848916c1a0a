using Scalearn.Clustering;
using Scalearn.Data;
using Scalearn.Distributed;
using Scalearn.Estimators;
using Scalearn.Execution;
using static Scalearn.Tests.Distributed.DistributedTestData;

namespace Scalearn.Tests.Distributed;

public class KMeansDataParallelTests
{
    private static readonly LocalExecutor Executor = new(2);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public async Task Partitioned_kmeans_parallel_equals_the_fit_on_one_machine(int partitions)
    {
        var data = Blobs();
        KMeans Estimator() => new() { NClusters = 6, Init = "k-means||", NInit = 3, RandomState = 4 };
        var single = (KMeansModel)Estimator().Fit(data);
        var partitioned = await Estimator().FitAsync(PartitionedDataset.Split(data, partitions), Executor);

        Assert.True(MaxAbsDifference(single.ClusterCenters.Values, partitioned.ClusterCenters.Values) < 1e-9);
        Assert.Equal(single.Labels, partitioned.Labels);
        Assert.Equal(single.Iterations, partitioned.Iterations);
        Assert.Equal(single.Inertia, partitioned.Inertia, 1e-9 * single.Inertia);
    }

    [Fact]
    public async Task Given_centers_give_the_same_lloyd_run_as_one_machine()
    {
        var data = Blobs(rows: 2000, features: 4, centers: 5, seed: 3);
        var initial = Matrix.FromRows(Enumerable.Range(0, 5).Select(i => data.X.Row(i).ToArray()).ToList());
        var options = new DataParallelOptions { InitialCenters = initial };
        var estimator = new KMeans { NClusters = 5, MaxIter = 50 };
        var one = await estimator.FitAsync(PartitionedDataset.Split(data, 1), Executor, options);
        var four = await estimator.FitAsync(PartitionedDataset.Split(data, 4), Executor, options);
        Assert.True(MaxAbsDifference(one.ClusterCenters.Values, four.ClusterCenters.Values) < 1e-9);
        Assert.Equal(one.Labels, four.Labels);
    }

    [Fact]
    public async Task Kmeans_parallel_samples_the_same_rows_however_the_data_is_split()
    {
        var data = Blobs(rows: 5000, features: 3, centers: 8, seed: 9);
        var estimator = new KMeans { NClusters = 8, Init = "k-means||", NInit = 1, MaxIter = 1, RandomState = 11 };
        var a = await estimator.FitAsync(PartitionedDataset.Split(data, 2), Executor);
        var b = await estimator.FitAsync(PartitionedDataset.Split(data, 5), Executor);
        // One Lloyd step from the initial centers: identical candidates and weights give identical starting centers.
        Assert.True(MaxAbsDifference(a.ClusterCenters.Values, b.ClusterCenters.Values) < 1e-12);
    }

    [Fact]
    public async Task Empty_clusters_are_relocated_as_on_one_machine()
    {
        // A center far from all rows never gets any: its cluster is empty after the first assignment.
        var data = Blobs(rows: 600, features: 2, centers: 3, seed: 5);
        var initial = Matrix.FromRows([data.X.Row(0).ToArray(), data.X.Row(1).ToArray(), [1e6, 1e6]]);
        var estimator = new KMeans { NClusters = 3 };
        var options = new DataParallelOptions { InitialCenters = initial };
        var one = await estimator.FitAsync(PartitionedDataset.Split(data, 1), Executor, options);
        var three = await estimator.FitAsync(PartitionedDataset.Split(data, 3), Executor, options);
        Assert.True(one.ClusterCenters.Row(2)[0] < 1e5);
        Assert.Equal(3, one.Labels.Distinct().Count());
        Assert.True(MaxAbsDifference(one.ClusterCenters.Values, three.ClusterCenters.Values) < 1e-9);
        Assert.Equal(one.Labels, three.Labels);
    }

    [Fact]
    public async Task A_nan_in_a_partition_fails_the_fit_naming_partition_row_and_column()
    {
        var data = Blobs(rows: 400, features: 3);
        data.X[250, 2] = double.NaN;
        var e = await Assert.ThrowsAsync<PartitionDataException>(() =>
            new KMeans { NClusters = 3, Init = "random" }.FitAsync(PartitionedDataset.Split(data, 4), Executor));
        Assert.Contains("partition 2", e.Message);
        Assert.Contains("row 250", e.Message);
        Assert.Contains("column 2", e.Message);
        Assert.Contains("NaN", e.Message);
    }

    [Fact]
    public async Task Partitions_with_different_feature_counts_are_refused()
    {
        var data = Blobs(rows: 300, features: 3);
        var narrow = new Dataset(new Matrix(new double[100 * 2], 100, 2));
        var parts = PartitionedDataset.Of([Slice(data, 0, 150), narrow, Slice(data, 150, 300)]);
        var e = await Assert.ThrowsAsync<PartitionDataException>(() => new KMeans { NClusters = 3, Init = "random" }.FitAsync(parts, Executor));
        Assert.Contains("partition 1", e.Message);
        Assert.Contains("2 feature columns", e.Message);
    }

    [Fact]
    public async Task Bad_parameters_are_refused_before_any_round()
    {
        var parts = PartitionedDataset.Split(Blobs(rows: 50, features: 2), 2);
        Assert.Equal("init", (await Assert.ThrowsAsync<ParameterException>(() => new KMeans().FitAsync(parts, Executor))).Parameter);
        Assert.Contains("n_samples=50", (await Assert.ThrowsAsync<ArgumentException>(() => new KMeans { NClusters = 51, Init = "random" }.FitAsync(parts, Executor))).Message);
        var wrongShape = new DataParallelOptions { InitialCenters = new Matrix(3, 5) };
        Assert.Contains("(3, 2)", (await Assert.ThrowsAsync<ArgumentException>(() => new KMeans { NClusters = 3 }.FitAsync(parts, Executor, wrongShape))).Message);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => new KMeans { NClusters = 3, Init = "random" }.FitAsync(parts, Executor, new DataParallelOptions { MaxTaskAttempts = 0 }));
    }

    [Fact]
    public async Task A_cancelled_fit_stops()
    {
        var parts = PartitionedDataset.Split(Blobs(rows: 20000, features: 10, centers: 20), 4);
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress<DataParallelProgress>(p => { if (p.Stage == "lloyd" && p.Iteration == 2) cts.Cancel(); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new KMeans { NClusters = 20, Init = "random", Tol = 0, MaxIter = 300 }
            .FitAsync(parts, Executor, new DataParallelOptions { Progress = progress }, cts.Token));
    }
}

/// <summary>An IProgress that reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
