using Scalearn.Clustering;
using Scalearn.Estimators;
using static Scalearn.Tests.Clustering.ClusteringTestData;

namespace Scalearn.Tests.Clustering;

public class MiniBatchKMeansTests
{
    [Fact]
    public void Defaults_match_scikit_learn()
    {
        var p = new MiniBatchKMeans().GetParams();
        Assert.Equal(8L, p["n_clusters"]);
        Assert.Equal(1024L, p["batch_size"]);
        Assert.Equal(100L, p["max_iter"]);
        Assert.Equal(3L, p["n_init"]);
        Assert.Equal(0.0, p["tol"]);
        Assert.Equal(10L, p["max_no_improvement"]);
        Assert.Null(p["init_size"]);
        Assert.Equal(0.01, p["reassignment_ratio"]);
    }

    [Fact]
    public void Recovers_well_separated_blobs_deterministically()
    {
        var data = Blobs(300, 5, 4, seed: 8);
        var estimator = new MiniBatchKMeans { NClusters = 5, RandomState = 0, BatchSize = 100 };
        var model = (KMeansModel)estimator.Fit(data);
        Assert.True(SamePartition(data.Y!, model.Predict(data)));
        var again = (KMeansModel)estimator.Fit(data);
        Assert.Equal(model.ClusterCenters.Values, again.ClusterCenters.Values);
    }

    [Fact]
    public void Inertia_is_close_to_scikit_learn_on_iris()
    {
        var model = (KMeansModel)new MiniBatchKMeans { NClusters = 3, RandomState = 0 }.Fit(TestData.Load("iris"));
        // Random streams differ from numpy's, so allow the spread of mini-batch results.
        Assert.InRange(model.Inertia, Fixture("iris_k3_inertia"), Fixture("iris_k3_minibatch_inertia") * 1.1);
    }

    [Fact]
    public void Partial_fit_over_chunks_learns_the_blobs()
    {
        var data = Blobs(400, 3, 2, seed: 6);
        var learner = new MiniBatchKMeans { NClusters = 3, RandomState = 1 }.StartIncremental();
        var order = Enumerable.Range(0, data.Count).ToArray();
        new Scalearn.Numerics.Rng(3).Shuffle(order.AsSpan());
        for (int start = 0; start < order.Length; start += 200)
            learner.PartialFit(data.Rows(order[start..Math.Min(order.Length, start + 200)]));
        Assert.Equal(data.Count, learner.RowsSeen);
        var model = (KMeansModel)learner.Snapshot();
        Assert.True(SamePartition(data.Y!, model.Predict(data)));
        Assert.Throws<ArgumentException>(() => learner.PartialFit(Blobs(5, 1, 3, 1)));
    }
}
