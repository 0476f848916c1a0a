using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Neighbors;
using static Scalearn.Tests.Neighbors.NeighborTestData;

namespace Scalearn.Tests.Neighbors;

public class NearestNeighborsTests
{
    private static NearestNeighborsModel Fit(Matrix x, string algorithm = "brute", string metric = "minkowski", double p = 2, int k = 5, int leafSize = 30)
    {
        var estimator = new NearestNeighbors();
        estimator.SetParam("algorithm", algorithm);
        estimator.SetParam("metric", metric);
        estimator.SetParam("p", p);
        estimator.SetParam("n_neighbors", k);
        estimator.SetParam("leaf_size", leafSize);
        return (NearestNeighborsModel)estimator.Fit(x);
    }

    [Fact]
    public void Defaults_match_scikit_learn()
    {
        var p = new NearestNeighbors().GetParams();
        Assert.Equal(5L, p["n_neighbors"]);
        Assert.Equal("auto", p["algorithm"]);
        Assert.Equal(30L, p["leaf_size"]);
        Assert.Equal("minkowski", p["metric"]);
        Assert.Equal(2.0, p["p"]);
        Assert.Null(p["n_jobs"]);
        Assert.Equal("uniform", new KNeighborsClassifier().GetParams()["weights"]);
        Assert.IsType<NearestNeighbors>(EstimatorRegistry.Create("nearest-neighbors"));
    }

    [Theory]
    [InlineData("brute")]
    [InlineData("kd_tree")]
    [InlineData("ball_tree")]
    public void Small_known_case(string algorithm)
    {
        var x = Matrix.FromRows([[0.0, 0.0], [1.0, 0.0], [0.0, 2.0], [3.0, 3.0]]);
        var (distances, indices) = Fit(x, algorithm, leafSize: 1).KNeighbors(Matrix.FromRows([[0.9, 0.1]]), 3);
        Assert.Equal([1, 0, 2], indices);
        Assert.Equal(Math.Sqrt(0.02), distances[0, 0], 12);
        Assert.Equal(Math.Sqrt(0.82), distances[0, 1], 12);
        Assert.Equal(Math.Sqrt(0.81 + 3.61), distances[0, 2], 12);
    }

    [Theory]
    [InlineData("euclidean", 5, 2.0)]
    [InlineData("euclidean", 40, 2.0)]
    [InlineData("manhattan", 7, 1.0)]
    [InlineData("manhattan", 33, 1.0)]
    [InlineData("cosine", 6, 2.0)]
    [InlineData("cosine", 24, 2.0)]
    [InlineData("minkowski", 4, 3.0)]
    public void Brute_force_equals_naive_float64_reference(string metric, int dims, double p)
    {
        var x = Gaussian(700, dims, seed: dims);
        var queries = Gaussian(90, dims, seed: dims + 1000);
        var (distances, indices) = Fit(x, "brute", metric, p).KNeighbors(queries, 7);
        for (int q = 0; q < queries.Rows; q++)
        {
            var (d, i) = Naive(x, queries.Row(q), 7, metric, p);
            AssertSameNeighbors(d, i, distances.Row(q), indices.AsSpan(q * 7, 7), $"{metric} query {q}");
        }
    }

    [Theory]
    [InlineData("kd_tree", "euclidean", 2.0)]
    [InlineData("kd_tree", "manhattan", 1.0)]
    [InlineData("kd_tree", "minkowski", 3.0)]
    [InlineData("ball_tree", "euclidean", 2.0)]
    [InlineData("ball_tree", "manhattan", 1.0)]
    [InlineData("ball_tree", "minkowski", 1.5)]
    public void Trees_equal_brute_force(string algorithm, string metric, double p)
    {
        var x = Gaussian(1500, 4, seed: 11);
        var queries = Gaussian(200, 4, seed: 12);
        var brute = Fit(x, "brute", metric, p).KNeighbors(queries, 6);
        var tree = Fit(x, algorithm, metric, p, leafSize: 8).KNeighbors(queries, 6);
        Assert.Equal(brute.Indices, tree.Indices);
        for (int i = 0; i < brute.Distances.Values.Length; i++)
            Assert.Equal(brute.Distances.Values[i], tree.Distances.Values[i], 12);
    }

    [Fact]
    public void Duplicate_points_give_the_same_neighbour_sets_in_all_algorithms()
    {
        var x = Gaussian(400, 3, seed: 5);
        for (int i = 0; i < x.Values.Length; i++) x.Values[i] = Math.Round(x.Values[i]);
        var brute = Fit(x, "brute").KNeighbors(x, 8);
        foreach (var algorithm in new[] { "kd_tree", "ball_tree" })
        {
            var tree = Fit(x, algorithm, leafSize: 5).KNeighbors(x, 8);
            Assert.Equal(brute.Distances.Values, tree.Distances.Values);
        }
        for (int q = 0; q < 50; q++)
        {
            var (d, i) = Naive(x, x.Row(q), 8, "euclidean");
            AssertSameNeighbors(d, i, brute.Distances.Row(q), brute.IndicesOf(q), $"query {q}");
        }
    }

    [Fact]
    public void Querying_the_training_set_returns_each_point_first_at_distance_zero()
    {
        var x = Gaussian(300, 20, seed: 3);
        var result = Fit(x).KNeighbors(x, 4);
        for (int i = 0; i < x.Rows; i++)
        {
            Assert.Equal(i, result.Indices[i * 4]);
            Assert.Equal(0.0, result.Distances[i, 0]);
        }
    }

    [Fact]
    public void Auto_picks_a_tree_for_few_features_and_brute_force_otherwise()
    {
        Assert.Equal(NeighborAlgorithm.KdTree, Fit(Gaussian(100, 3, 1), "auto").EffectiveAlgorithm);
        Assert.Equal(NeighborAlgorithm.Brute, Fit(Gaussian(100, 16, 1), "auto").EffectiveAlgorithm);
        Assert.Equal(NeighborAlgorithm.Brute, Fit(Gaussian(100, 3, 1), "auto", "cosine").EffectiveAlgorithm);
        Assert.Equal(NeighborAlgorithm.Brute, Fit(Gaussian(8, 3, 1), "auto", k: 5).EffectiveAlgorithm);
    }

    [Fact]
    public void Too_many_neighbours_is_a_clear_error_naming_both_numbers()
    {
        var model = Fit(Gaussian(6, 2, 1));
        var e = Assert.Throws<ArgumentException>(() => model.KNeighbors(Gaussian(2, 2, 2), 7));
        Assert.Contains("n_neighbors = 7", e.Message);
        Assert.Contains("n_samples_fit = 6", e.Message);
    }

    [Fact]
    public void Bad_input_is_rejected()
    {
        var x = Gaussian(20, 3, 1);
        x[4, 1] = double.NaN;
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => new NearestNeighbors().Fit(x)).Message);
        var model = Fit(Gaussian(20, 3, 1));
        Assert.Contains("3 features", Assert.Throws<ArgumentException>(() => model.KNeighbors(Gaussian(2, 4, 1))).Message);
        var q = Gaussian(2, 3, 1);
        q[1, 2] = double.PositiveInfinity;
        Assert.Throws<ArgumentException>(() => model.KNeighbors(q));
        Assert.Equal("n_neighbors", Assert.Throws<ParameterException>(() => new NearestNeighbors().SetParam("n_neighbors", 0)).Parameter);
        Assert.Equal("p", Assert.Throws<ParameterException>(() => new NearestNeighbors().SetParam("p", 0.5)).Parameter);
        Assert.Equal("metric", Assert.Throws<ParameterException>(() => new NearestNeighbors().SetParam("metric", "chebyshev")).Parameter);
        Assert.Equal("n_jobs", Assert.Throws<ParameterException>(() => new NearestNeighbors().SetParam("n_jobs", 0)).Parameter);
        var cosineTree = new NearestNeighbors { Metric = NeighborMetric.Cosine, Algorithm = NeighborAlgorithm.KdTree };
        Assert.Equal("algorithm", Assert.Throws<ParameterException>(() => cosineTree.Fit(Gaussian(10, 2, 1))).Parameter);
    }

    [Fact]
    public void Results_do_not_depend_on_the_number_of_threads()
    {
        var x = Gaussian(2000, 24, seed: 9);
        var queries = Gaussian(500, 24, seed: 10);
        var all = Fit(x).KNeighbors(queries, 10);
        var estimator = new NearestNeighbors { Algorithm = NeighborAlgorithm.Brute, NJobs = 1, NNeighbors = 10 };
        var single = ((NearestNeighborsModel)estimator.Fit(x)).KNeighbors(queries);
        Assert.Equal(all.Indices, single.Indices);
        Assert.Equal(all.Distances.Values, single.Distances.Values);
    }

    [Theory]
    [InlineData("brute")]
    [InlineData("kd_tree")]
    public void Payload_round_trip_gives_the_same_answers(string algorithm)
    {
        var x = Gaussian(200, 5, seed: 21);
        var model = Fit(x, algorithm, "manhattan", k: 3);
        using var stream = new MemoryStream();
        model.WritePayload(new BinaryWriter(stream));
        stream.Position = 0;
        var copy = NearestNeighborsModel.ReadPayload(new BinaryReader(stream), 1);
        var queries = Gaussian(30, 5, seed: 22);
        Assert.Equal(model.KNeighbors(queries).Indices, copy.KNeighbors(queries).Indices);
        Assert.Equal(model.KNeighbors(queries).Distances.Values, copy.KNeighbors(queries).Distances.Values);
        Assert.Equal(model.EffectiveAlgorithm, copy.EffectiveAlgorithm);
        Assert.Equal(3, copy.NNeighbors);
    }

    [Fact]
    public void The_256_bit_kernel_gives_the_same_results_as_the_default_one()
    {
        var x = Gaussian(900, 19, seed: 31);
        var queries = Gaussian(70, 19, seed: 32);
        foreach (var metric in new[] { "euclidean", "manhattan", "cosine" })
        {
            var expected = Fit(x, "brute", metric).KNeighbors(queries, 9);
            bool previous = BruteForceSearcher.UseVector512;
            BruteForceSearcher.UseVector512 = false;
            NearestNeighborsModel narrow;
            try { narrow = Fit(x, "brute", metric); }
            finally { BruteForceSearcher.UseVector512 = previous; }
            var actual = narrow.KNeighbors(queries, 9);
            Assert.Equal(expected.Indices, actual.Indices);
            Assert.Equal(expected.Distances.Values, actual.Distances.Values);
        }
    }

    [Theory]
    [InlineData(1)]    // blocks of 256 queries and a partial one
    [InlineData(16)]   // few queries a thread: blocks of 64
    public void Every_query_block_size_gives_the_exact_neighbours(int threads)
    {
        var x = Gaussian(1500, 12, seed: 41);
        var queries = Gaussian(700, 12, seed: 42);
        foreach (var metric in new[] { "euclidean", "manhattan", "cosine" })
        {
            var estimator = new NearestNeighbors { Algorithm = NeighborAlgorithm.Brute, NJobs = threads, NNeighbors = 7 };
            estimator.SetParam("metric", metric);
            var result = ((NearestNeighborsModel)estimator.Fit(x)).KNeighbors(queries);
            for (int q = 0; q < queries.Rows; q++)
            {
                var (d, i) = Naive(x, queries.Row(q), 7, metric);
                AssertSameNeighbors(d, i, result.Distances.Row(q), result.IndicesOf(q), $"{metric} query {q}");
            }
        }
    }

    [Fact]
    public void Large_values_fall_back_to_exact_float64_search()
    {
        var x = Gaussian(100, 4, seed: 2);
        for (int i = 0; i < x.Values.Length; i++) x.Values[i] *= 1e20;
        var result = Fit(x).KNeighbors(x, 3);
        for (int q = 0; q < x.Rows; q++)
        {
            var (d, i) = Naive(x, x.Row(q), 3, "euclidean");
            AssertSameNeighbors(d, i, result.Distances.Row(q), result.IndicesOf(q), $"query {q}");
        }
    }
}
