using System.Text.Json;
using Scalearn.Data;
using Scalearn.Data.Generators;
using Scalearn.Estimators;
using Scalearn.Numerics;

namespace Scalearn.Tests.Data;

/// <summary>
/// The generators draw other random numbers than scikit-learn, so these tests compare distribution facts measured on
/// scikit-learn 1.2.1's output (Fixtures/Data/generators.json): class counts, ranks, which features carry the signal,
/// cluster positions and spreads, label noise, singular values.
/// </summary>
public class GeneratorsTests
{
    private static JsonElement Root => Fixture.Load("Data", "generators.json");

    private static int[] ClassCounts(Dataset data, int classes) =>
        Enumerable.Range(0, classes).Select(k => data.Y!.Count(v => v == k)).ToArray();

    /// <summary>Eigenvalues of the centered covariance, largest first.</summary>
    private static double[] CovarianceSpectrum(Matrix x, bool center = true)
    {
        int p = x.Cols;
        var means = new double[p];
        if (center) for (int j = 0; j < p; j++) means[j] = x.Column(j).Average();
        var gram = new double[p * p];
        for (int i = 0; i < x.Rows; i++)
        {
            var row = x.Row(i);
            for (int a = 0; a < p; a++)
                for (int b = 0; b < p; b++) gram[a * p + b] += (row[a] - means[a]) * (row[b] - means[b]);
        }
        return SymmetricEigen.Decompose(gram, p).Values.OrderDescending().ToArray();
    }

    private static int Rank(Matrix x)
    {
        var spectrum = CovarianceSpectrum(x);
        return spectrum.Count(v => v > 1e-9 * spectrum[0]);
    }

    /// <summary>One-way ANOVA F statistic of each feature against the classes.</summary>
    private static double[] FStatistics(Dataset data)
    {
        var y = data.Y!;
        var classes = y.Distinct().ToArray();
        var result = new double[data.FeatureCount];
        for (int j = 0; j < data.FeatureCount; j++)
        {
            var column = data.X.Column(j);
            double mean = column.Average(), between = 0, within = 0;
            foreach (var c in classes)
            {
                var members = column.Where((_, i) => y[i] == c).ToArray();
                double m = members.Average();
                between += members.Length * (m - mean) * (m - mean);
                within += members.Sum(v => (v - m) * (v - m));
            }
            result[j] = between / (classes.Length - 1) / (within / (column.Length - classes.Length));
        }
        return result;
    }

    private static double NearestCentroidAccuracy(Dataset data)
    {
        var y = data.Y!;
        var classes = y.Distinct().Order().ToArray();
        var centroids = classes.Select(c => Enumerable.Range(0, data.FeatureCount)
            .Select(j => Enumerable.Range(0, data.Count).Where(i => y[i] == c).Average(i => data.X[i, j])).ToArray()).ToArray();
        int correct = 0;
        for (int i = 0; i < data.Count; i++)
        {
            var row = data.X.Row(i).ToArray();
            int best = Enumerable.Range(0, classes.Length).MinBy(k => row.Select((v, j) => (v - centroids[k][j]) * (v - centroids[k][j])).Sum());
            if (classes[best] == y[i]) correct++;
        }
        return (double)correct / data.Count;
    }

    [Fact]
    public void Classification_weights_redundant_and_repeated_features_match_scikit_learns_structure()
    {
        var expected = Root.GetProperty("classification").GetProperty("weighted_three_classes");
        var data = DataGenerators.MakeClassification(nSamples: 20000, nFeatures: 10, nInformative: 3, nRedundant: 2, nRepeated: 1,
            nClasses: 3, nClustersPerClass: 1, weights: [0.5, 0.3], flipY: 0, randomState: 0);
        Assert.Equal(expected.GetProperty("class_counts").Ints(), ClassCounts(data, 3));
        // Redundant and repeated columns are combinations of the informative ones: rank = informative + noise features.
        Assert.Equal(expected.GetProperty("rank").GetInt32(), Rank(data.X));
        // The informative, redundant and repeated directions carry the signal, the noise features none.
        var f = FStatistics(data);
        Assert.Equal(expected.GetProperty("signal_features").GetInt32(), f.Count(v => v > 30));
        Assert.Equal(4, f.Count(v => v < 10));
    }

    [Fact]
    public void Uneven_cluster_sizes_follow_scikit_learns_rounding()
    {
        var expected = Root.GetProperty("classification").GetProperty("odd_counts");
        var data = DataGenerators.MakeClassification(nSamples: 101, nFeatures: 5, nInformative: 3, nClasses: 3, nClustersPerClass: 2,
            weights: [0.2, 0.2, 0.6], flipY: 0, randomState: 0);
        Assert.Equal(expected.GetProperty("class_counts").Ints(), ClassCounts(data, 3));
        Assert.Equal(Root.GetProperty("classification").GetProperty("defaults_1000").GetProperty("rank").GetInt32(),
            Rank(DataGenerators.MakeClassification(nSamples: 1000, randomState: 5).X));
    }

    [Fact]
    public void Flip_y_reassigns_that_fraction_of_labels_at_random()
    {
        var expected = Root.GetProperty("classification").GetProperty("flip_far_apart");
        var data = DataGenerators.MakeClassification(nSamples: 20000, nFeatures: 4, nInformative: 2, nRedundant: 0, nClasses: 4,
            nClustersPerClass: 1, classSep: 20, flipY: 0.2, randomState: 0);
        // Clusters 40 apart are perfectly separable, so accuracy = 1 - 0.2 * 3/4 up to sampling noise.
        Assert.Equal(expected.GetProperty("nearest_centroid_accuracy").GetDouble(), NearestCentroidAccuracy(data), 0.012);
        Assert.All(ClassCounts(data, 4), c => Assert.InRange(c, 4800, 5200));
    }

    [Fact]
    public void Unshuffled_clusters_sit_on_hypercube_vertices_with_unit_noise_features()
    {
        var expected = Root.GetProperty("classification").GetProperty("unshuffled_structure");
        var data = DataGenerators.MakeClassification(nSamples: 5000, nFeatures: 8, nInformative: 3, nRedundant: 2, nRepeated: 2,
            nClasses: 2, nClustersPerClass: 2, flipY: 0, classSep: 1.5, shuffle: false, randomState: 1);
        var first5 = new Matrix(data.Count, 5);
        for (int i = 0; i < data.Count; i++) data.X.Row(i)[..5].CopyTo(first5.Row(i));
        Assert.Equal(expected.GetProperty("informative_rank").GetInt32(), Rank(first5));
        for (int r = 5; r < 7; r++)
            Assert.Contains(Enumerable.Range(0, 5), j => Enumerable.Range(0, data.Count).All(i => data.X[i, r] == data.X[i, j]));
        double meanAbs = Enumerable.Range(0, 2).SelectMany(cluster => Enumerable.Range(0, 3).Select(j =>
            Math.Abs(Enumerable.Range(cluster * 1250, 1250).Average(i => data.X[i, j])))).Average();
        Assert.Equal(expected.GetProperty("abs_cluster_mean_coordinates").GetDouble(), meanAbs, 0.15);
        var noise = data.X.Column(7);
        double std = Math.Sqrt(noise.Sum(v => v * v) / noise.Length - Math.Pow(noise.Average(), 2));
        Assert.Equal(expected.GetProperty("noise_std").GetDouble(), std, 0.05);
    }

    [Fact]
    public void Random_shift_and_scale_stretch_features_like_scikit_learn()
    {
        var range = Root.GetProperty("classification").GetProperty("random_scale_std_range").Numbers();
        var x = DataGenerators.MakeClassification(nSamples: 5000, nFeatures: 6, shift: null, scale: null, randomState: 3).X;
        var stds = Enumerable.Range(0, 6).Select(j => { var c = x.Column(j); double m = c.Average(); return Math.Sqrt(c.Average(v => (v - m) * (v - m))); }).ToArray();
        Assert.All(stds, s => Assert.InRange(s, 0.5, 4 * range[1]));
        Assert.True(stds.Max() / stds.Min() > 3, "per-feature scales drawn in [1, 101] differ");
    }

    [Fact]
    public void Regression_recovers_its_coefficients_bias_and_noise()
    {
        var expected = Root.GetProperty("regression");
        var (data, coef) = DataGenerators.MakeRegressionWithCoef(nSamples: 5000, nFeatures: 20, nInformative: 5, bias: 3, noise: 2, randomState: 0);
        Assert.Equal(expected.GetProperty("nonzero_coef").GetInt32(), coef.Count(c => c != 0));
        Assert.All(coef, c => Assert.InRange(c, 0, 100));
        var fit = (Scalearn.Linear.LinearRegressorModel)new Scalearn.Linear.LinearRegression().Fit(data);
        // Least squares recovers each coefficient to within 5 standard errors (noise 2 over 5000 rows: 0.03).
        for (int j = 0; j < 20; j++) Assert.InRange(fit.Coef[j] - coef[j], -0.15, 0.15);
        Assert.Equal(expected.GetProperty("intercept").GetDouble(), fit.Intercept, 0.1);
        var residuals = fit.Predict(data).Select((p, i) => data.Y![i] - p).ToArray();
        Assert.Equal(expected.GetProperty("residual_std").GetDouble(), Math.Sqrt(residuals.Average(r => r * r)), 0.1);
        double featureStd = Enumerable.Range(0, 20).Average(j => { var c = data.X.Column(j); double m = c.Average(); return Math.Sqrt(c.Average(v => (v - m) * (v - m))); });
        Assert.Equal(expected.GetProperty("feature_std").GetDouble(), featureStd, 0.02);
    }

    [Fact]
    public void Effective_rank_gives_scikit_learns_singular_values()
    {
        var expected = Root.GetProperty("regression").GetProperty("low_rank_singular_values").Numbers();
        var data = DataGenerators.MakeRegression(nSamples: 200, nFeatures: 50, nInformative: 50, effectiveRank: 5, tailStrength: 0.5, randomState: 0);
        var singular = CovarianceSpectrum(data.X, center: false).Select(v => Math.Sqrt(Math.Max(0, v))).ToArray();
        Fixture.Close(expected, singular, 1e-7, "singular values");
    }

    [Fact]
    public void Blobs_have_the_given_counts_centers_and_spreads()
    {
        var expected = Root.GetProperty("blobs").GetProperty("given");
        var centers = new double[,] { { 0, 0, 0 }, { 5, 5, 5 }, { -5, 10, 0 } };
        var (data, returned) = DataGenerators.MakeBlobsWithCenters(nSamples: new[] { 3000, 2000, 5000 }, centers: centers,
            clusterStd: new[] { 0.5, 1.0, 2.0 }, randomState: 0);
        Assert.Equal(expected.GetProperty("counts").Ints(), ClassCounts(data, 3));
        Assert.Equal(3, data.FeatureCount);
        double[] stds = [0.5, 1.0, 2.0];
        for (int k = 0; k < 3; k++)
        {
            var rows = Enumerable.Range(0, data.Count).Where(i => data.Y![i] == k).ToArray();
            for (int j = 0; j < 3; j++)
            {
                double mean = rows.Average(i => data.X[i, j]);
                Assert.Equal(centers[k, j], returned[k, j]);
                Assert.InRange(mean - centers[k, j], -5 * stds[k] / Math.Sqrt(rows.Length), 5 * stds[k] / Math.Sqrt(rows.Length));
            }
            double std = Enumerable.Range(0, 3).Average(j => { double m = rows.Average(i => data.X[i, j]); return Math.Sqrt(rows.Average(i => Math.Pow(data.X[i, j] - m, 2))); });
            Assert.Equal(expected.GetProperty("stds")[k].GetDouble(), std, 0.04 * stds[k]);
        }
    }

    [Theory]
    [InlineData(1000, 4)]
    [InlineData(10, 3)]
    [InlineData(7, null)]
    public void Blob_counts_split_the_total_like_scikit_learn(int n, int? centers)
    {
        var expected = Root.GetProperty("blobs").GetProperty($"n{n}_c{(centers?.ToString() ?? "None")}");
        var (data, returned) = DataGenerators.MakeBlobsWithCenters(nSamples: n, centers: centers is int c ? c : null, randomState: 0);
        Assert.Equal(expected.GetProperty("counts").Ints(), ClassCounts(data, returned.Rows));
        Assert.Equal(expected.GetProperty("n_features").GetInt32(), data.FeatureCount);
        Assert.All(returned.Values, v => Assert.InRange(v, -10, 10));
    }

    [Fact]
    public void Same_seed_same_data_other_seed_other_data()
    {
        var a = DataGenerators.MakeClassification(nSamples: 10000, randomState: 7);
        var b = DataGenerators.MakeClassification(nSamples: 10000, randomState: 7);
        var c = DataGenerators.MakeClassification(nSamples: 10000, randomState: 8);
        Assert.Equal(a.X.Values, b.X.Values);
        Assert.Equal(a.Y, b.Y);
        Assert.NotEqual(a.X.Values, c.X.Values);
        Assert.Equal(DataGenerators.MakeBlobs(nSamples: 9000, randomState: 1).X.Values, DataGenerators.MakeBlobs(nSamples: 9000, randomState: 1).X.Values);
        Assert.Equal(DataGenerators.MakeRegression(nSamples: 9000, randomState: 1).Y, DataGenerators.MakeRegression(nSamples: 9000, randomState: 1).Y);
    }

    [Fact]
    public void Bad_parameters_fail_with_scikit_learns_messages()
    {
        var errors = Root.GetProperty("errors");
        Assert.Equal(errors.GetProperty("sum_features").GetString(),
            Assert.Throws<ParameterException>(() => DataGenerators.MakeClassification(nFeatures: 3, nInformative: 2, nRedundant: 2)).Message);
        Assert.Equal(errors.GetProperty("hypercube").GetString(),
            Assert.Throws<ParameterException>(() => DataGenerators.MakeClassification(nInformative: 2, nClasses: 3, nClustersPerClass: 2)).Message);
        Assert.StartsWith(errors.GetProperty("weights").GetString()!.TrimEnd('.'),
            Assert.Throws<ParameterException>(() => DataGenerators.MakeClassification(nClasses: 3, nInformative: 3, weights: [0.5])).Message);
        Assert.StartsWith(errors.GetProperty("blob_lengths").GetString()![..60],
            Assert.Throws<ParameterException>(() => DataGenerators.MakeBlobs(nSamples: new[] { 10, 10 }, centers: new double[,] { { 0, 0 } })).Message);
        Assert.StartsWith(errors.GetProperty("blob_std").GetString()![..60],
            Assert.Throws<ParameterException>(() => DataGenerators.MakeBlobs(nSamples: 30, centers: 3, clusterStd: new[] { 1.0, 2.0 })).Message);
        Assert.Equal("n_targets", Assert.Throws<ParameterException>(() => DataGenerators.MakeRegression(nTargets: 2)).Parameter);
        Assert.Equal("flip_y", Assert.Throws<ParameterException>(() => DataGenerators.MakeClassification(flipY: 1.5)).Parameter);
        Assert.Equal("n_samples", Assert.Throws<ParameterException>(() => DataGenerators.MakeBlobs(nSamples: 0)).Parameter);
        Assert.Equal("cluster_std", Assert.Throws<ParameterException>(() => DataGenerators.MakeBlobs(clusterStd: -1.0)).Parameter);
    }
}
