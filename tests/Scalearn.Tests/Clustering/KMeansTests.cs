using Scalearn.Clustering;
using Scalearn.Data;
using Scalearn.Estimators;
using static Scalearn.Tests.Clustering.ClusteringTestData;

namespace Scalearn.Tests.Clustering;

public class KMeansTests
{
    [Fact]
    public void Defaults_match_scikit_learn()
    {
        var p = new KMeans().GetParams();
        Assert.Equal(8L, p["n_clusters"]);
        Assert.Equal("k-means++", p["init"]);
        Assert.Equal(10L, p["n_init"]);
        Assert.Equal(300L, p["max_iter"]);
        Assert.Equal(1e-4, p["tol"]);
        Assert.Equal("lloyd", p["algorithm"]);
        Assert.Null(p["random_state"]);
        Assert.IsType<KMeans>(EstimatorRegistry.Create("k-means"));
    }

    [Theory]
    [InlineData("lloyd", "k-means++")]
    [InlineData("elkan", "k-means++")]
    [InlineData("lloyd", "random")]
    public void Recovers_well_separated_blobs(string algorithm, string init)
    {
        var data = Blobs(60, 4, 3, seed: 1);
        var estimator = new KMeans { NClusters = 4, RandomState = 0, Init = init };
        estimator.SetParam("algorithm", algorithm);
        var model = (KMeansModel)estimator.Fit(data);
        Assert.True(SamePartition(data.Y!, model.Predict(data)));
        Assert.True(SamePartition(data.Y!, model.Labels.Select(l => (double)l).ToArray()));
        Assert.Equal(-model.Inertia, model.Score(data), 6);
    }

    [Fact]
    public void Elkan_and_lloyd_reach_the_same_clustering()
    {
        var x = TestData.Load("wine");
        var lloyd = (KMeansModel)new KMeans { NClusters = 5, RandomState = 3, NInit = 3 }.Fit(x);
        var elkan = (KMeansModel)new KMeans { NClusters = 5, RandomState = 3, NInit = 3, Algorithm = KMeansAlgorithm.Elkan }.Fit(x);
        Assert.Equal(lloyd.Labels, elkan.Labels);
        Assert.Equal(lloyd.Inertia, elkan.Inertia, 1e-6 * lloyd.Inertia);
        Assert.Equal(lloyd.Iterations, elkan.Iterations);
    }

    [Theory]
    [InlineData("iris", "iris_k3_inertia")]
    [InlineData("wine", "wine_k3_inertia")]
    public void Inertia_matches_scikit_learn(string dataset, string fixture)
    {
        var model = (KMeansModel)new KMeans { NClusters = 3, RandomState = 0 }.Fit(TestData.Load(dataset));
        Assert.Equal(Fixture(fixture), model.Inertia, 1e-6 * Fixture(fixture));
    }

    [Fact]
    public void More_initialisations_never_increase_inertia_and_results_are_deterministic()
    {
        var x = TestData.Load("digits").Rows(Enumerable.Range(0, 500).ToArray());
        double previous = double.PositiveInfinity;
        foreach (int nInit in new[] { 1, 2, 4 })
        {
            var model = (KMeansModel)new KMeans { NClusters = 10, NInit = nInit, RandomState = 7, Init = "random" }.Fit(x);
            Assert.True(model.Inertia <= previous, $"n_init={nInit}: {model.Inertia} > {previous}");
            previous = model.Inertia;
        }
        var a = (KMeansModel)new KMeans { NClusters = 10, NInit = 2, RandomState = 5 }.Fit(x);
        var b = (KMeansModel)new KMeans { NClusters = 10, NInit = 2, RandomState = 5 }.Fit(x);
        Assert.Equal(a.ClusterCenters.Values, b.ClusterCenters.Values);
        Assert.Equal(a.Labels, b.Labels);
    }

    [Fact]
    public void Transform_gives_distances_to_every_center_and_keeps_the_target()
    {
        var data = Blobs(10, 3, 2, seed: 2);
        var model = (KMeansModel)new KMeans { NClusters = 3, RandomState = 0 }.Fit(data);
        var transformed = model.Transform(data);
        Assert.Equal(3, transformed.FeatureCount);
        Assert.Equal(data.Y, transformed.Y);
        var predicted = model.Predict(data);
        for (int i = 0; i < data.Count; i++)
        {
            var row = transformed.X.Row(i);
            Assert.Equal((int)predicted[i], row.IndexOf(row.ToArray().Min()));
            double expected = Math.Sqrt(Enumerable.Range(0, 2).Sum(j => Math.Pow(data.X[i, j] - model.ClusterCenters[1, j], 2)));
            Assert.Equal(expected, row[1], 9);
        }
    }

    [Fact]
    public void Bad_input_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new KMeans().Fit(Blobs(2, 2, 2, 1)));
        Assert.Contains("n_samples=4", e.Message);
        Assert.Contains("n_clusters=8", e.Message);
        var x = Blobs(10, 2, 2, 1).X;
        x[3, 1] = double.NaN;
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => new KMeans { NClusters = 2 }.Fit(x)).Message);
        var model = (KMeansModel)new KMeans { NClusters = 2, RandomState = 0 }.Fit(Blobs(10, 2, 2, 1));
        Assert.Throws<ArgumentException>(() => model.Predict(Blobs(3, 1, 3, 1)));
        Assert.Equal("init", Assert.Throws<ParameterException>(() => new KMeans().SetParam("init", "kmeans")).Parameter);
        Assert.Equal("algorithm", Assert.Throws<ParameterException>(() => new KMeans().SetParam("algorithm", "full")).Parameter);
        Assert.Equal("tol", Assert.Throws<ParameterException>(() => new KMeans().SetParam("tol", -1.0)).Parameter);
    }

    [Fact]
    public void Empty_clusters_are_relocated()
    {
        // Eight identical rows and two others: most random inits leave clusters empty at some point.
        var rows = Enumerable.Repeat(new[] { 1.0, 1.0 }, 8).Append([5.0, 5.0]).Append([9.0, 0.0]).ToArray();
        var model = (KMeansModel)new KMeans { NClusters = 3, RandomState = 0, Init = "random" }.Fit(Matrix.FromRows(rows));
        Assert.Equal(3, model.Labels.Distinct().Count());
        Assert.Equal(0, model.Inertia, 9);
    }

    [Fact]
    public void Payload_round_trip()
    {
        var data = Blobs(20, 3, 2, seed: 4);
        var model = (KMeansModel)new KMeans { NClusters = 3, RandomState = 0 }.Fit(data);
        using var stream = new MemoryStream();
        model.WritePayload(new BinaryWriter(stream));
        stream.Position = 0;
        var copy = KMeansModel.ReadPayload(new BinaryReader(stream), 1);
        Assert.Equal(model.ClusterCenters.Values, copy.ClusterCenters.Values);
        Assert.Equal(model.Labels, copy.Labels);
        Assert.Equal(model.Inertia, copy.Inertia);
        Assert.Equal(model.Predict(data), copy.Predict(data));
    }
}
