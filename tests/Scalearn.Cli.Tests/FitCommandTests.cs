using Scalearn.Clustering;
using Scalearn.Data;
using Scalearn.Distributed;
using Scalearn.Execution;
using Scalearn.Linear;
using Scalearn.Persistence;
using Scalearn.Trees;

namespace Scalearn.Cli.Tests;

[Collection("console")]
public class FitCommandTests
{
    private static string OutFile() => Path.Combine(CliHarness.TempDir(), "model.scalearn");

    private static double MaxAbsDifference(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        Assert.Equal(a.Length, b.Length);
        double max = 0;
        for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }

    [Fact]
    public async Task A_clusterer_fits_a_file_without_a_target_column_and_is_not_scored_against_one()
    {
        var dir = CliHarness.TempDir();
        var lines = new List<string> { "a,b" };
        for (int i = 0; i < 60; i++) lines.Add($"{i % 3 * 10 + i % 5 * 0.1},{i % 3 * -10 + i % 7 * 0.1}");
        string data = Path.Combine(dir, "points.csv"), model = Path.Combine(dir, "km.scalearn");
        File.WriteAllLines(data, lines);

        // scikit-learn's KMeans.fit(X): no y. This used to fail with "--target column 'target' not found".
        var (exit, _, error) = await CliHarness.RunAsync("fit", "--data", data, "--estimator", "KMeans", "--params", """{"n_clusters":3,"random_state":0,"n_init":1}""", "--out", model);
        Assert.True(exit == 0, error);
        Assert.Equal(["a", "b"], ModelFile.Load(model).FeatureNames);
        (exit, _, error) = await CliHarness.RunAsync("predict", "--model", model, "--data", data, "--out", Path.Combine(dir, "labels.csv"));
        Assert.True(exit == 0, error);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(dir, "labels.csv")).Skip(1).Distinct().Count());

        // A supervised estimator, or a --target named on purpose, still needs the column.
        (exit, _, error) = await CliHarness.RunAsync("fit", "--data", data, "--estimator", "Ridge", "--out", Path.Combine(dir, "r.scalearn"));
        Assert.NotEqual(0, exit);
        Assert.Contains("--target column 'target' not found", error);
        (exit, _, error) = await CliHarness.RunAsync("fit", "--data", data, "--estimator", "KMeans", "--target", "label", "--out", Path.Combine(dir, "k2.scalearn"));
        Assert.NotEqual(0, exit);
        Assert.Contains("--target column 'label' not found", error);

        // Cluster labels scored as a regression against a target (R^2 = 1 for labels that happen to equal it) is refused.
        File.WriteAllLines(Path.Combine(dir, "labelled.csv"), lines.Select((l, i) => l + "," + (i == 0 ? "target" : ((i - 1) % 3).ToString())));
        (exit, _, error) = await CliHarness.RunAsync("predict", "--model", model, "--data", Path.Combine(dir, "labelled.csv"), "--target", "target", "--out", Path.Combine(dir, "p.csv"));
        Assert.NotEqual(0, exit);
        Assert.Contains("(KMeans) is not a classifier or a regressor", error);
        Assert.Contains("--keep target", error);
        (exit, _, error) = await CliHarness.RunAsync("evaluate", "--model", model, "--data", Path.Combine(dir, "labelled.csv"));
        Assert.NotEqual(0, exit);
        Assert.Contains("(KMeans) is not a classifier or a regressor", error);
    }

    [Fact]
    public async Task Partitioned_logistic_regression_with_params_is_the_fit_on_one_machine()
    {
        var path = OutFile();
        var (exit, output, error) = await CliHarness.RunAsync("fit", "--data", "iris", "--estimator", "LogisticRegression",
            "--params", """{"C":0.5,"max_iter":300}""", "--partitions", "3", "--out", path);

        Assert.True(exit == 0, error);
        Assert.Contains("data-parallel in 3 partitions", string.Join(" ", output.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)));
        var loaded = ModelFile.Load(path);
        var model = Assert.IsType<LinearClassifierModel>(loaded.Model);
        // The library's partitioned fit on the same split (its agreement with a fit on one machine is tested there).
        var expected = await new LogisticRegression { C = 0.5, MaxIter = 300 }.FitAsync(PartitionedDataset.Split(BundledDatasets.Load("iris"), 3), new LocalExecutor(2));
        Assert.Equal(expected.Coef.Values, model.Coef.Values);
        Assert.Equal(expected.Intercept, model.Intercept);
        Assert.Equal(Estimators.EstimatorSpec.Of(new LogisticRegression { C = 0.5, MaxIter = 300 }), loaded.Spec);
    }

    [Fact]
    public async Task Partitioned_kmeans_is_the_fit_on_one_machine()
    {
        var path = OutFile();
        var (exit, _, error) = await CliHarness.RunAsync("fit", "--data", "iris", "--estimator", "KMeans",
            "--params", """{"n_clusters":3,"init":"k-means||","n_init":1,"random_state":0}""", "--partitions", "4", "--out", path);

        Assert.True(exit == 0, error);
        var model = Assert.IsType<KMeansModel>(ModelFile.Load(path).Model);
        var expected = (KMeansModel)new KMeans { NClusters = 3, Init = "k-means||", NInit = 1, RandomState = 0 }.Fit(BundledDatasets.Load("iris"));
        Assert.True(MaxAbsDifference(expected.ClusterCenters.Values, model.ClusterCenters.Values) < 1e-6);
    }

    [Fact]
    public async Task Without_partitions_any_estimator_is_fitted_on_this_machine()
    {
        var path = OutFile();
        var (exit, output, error) = await CliHarness.RunAsync("fit", "-d", "iris", "-e", "DecisionTreeClassifier",
            "--params", """{"max_depth":2,"random_state":0}""", "-o", path);

        Assert.True(exit == 0, error);
        Assert.Contains("on this machine", output);
        var iris = BundledDatasets.Load("iris");
        var expected = (Estimators.IPredictor)new DecisionTreeClassifier { MaxDepth = 2, RandomState = 0 }.Fit(iris);
        Assert.Equal(expected.Predict(iris), ((Estimators.IPredictor)ModelFile.Load(path).Model).Predict(iris));
    }

    [Fact]
    public async Task Text_columns_are_encoded_with_categorical_and_left_out_with_drop()
    {
        var dir = CliHarness.TempDir();
        var data = Path.Combine(dir, "colors.csv");
        File.WriteAllLines(data, ["id,color,a,target", .. Enumerable.Range(0, 40).Select(i => $"c{i},{(i % 2 == 0 ? "red" : "blue")},{i % 5},{i % 2}")]);
        var path = Path.Combine(dir, "m.scalearn");

        var (exit, _, error) = await CliHarness.RunAsync("fit", "-d", data, "-e", "OneHotEncoder,LogisticRegression", "-o", path);
        Assert.NotEqual(0, exit);
        Assert.Contains("column 'id' (#1): non-numeric value 'c0'; --categorical auto keeps text columns (for encoders), or leave the column out with --drop", error);

        (exit, var output, error) = await CliHarness.RunAsync("fit", "-d", data, "-e", "OneHotEncoder,LogisticRegression", "--categorical", "color", "--drop", "id", "-o", path);
        Assert.True(exit == 0, error + output);
        (exit, output, error) = await CliHarness.RunAsync("predict", "--model", path, "--data", data, "--target", "target", "--keep", "id", "--out", Path.Combine(dir, "p.csv"));
        Assert.True(exit == 0, error + output);
        Assert.Contains("score: 1.0000 (accuracy)", output);
    }

    [Theory]
    [InlineData("has no data-parallel fit", "-e", "DecisionTreeClassifier", "--partitions", "2")]
    [InlineData("--partitions must be between 1", "-e", "LogisticRegression", "--partitions", "0")]
    [InlineData("pass --partitions P too", "-e", "LogisticRegression", "--cluster", "amqp://guest:guest@127.0.0.1:1/")]
    [InlineData("must be a JSON object", "-e", "LogisticRegression", "--params", "[1,2]")]
    [InlineData("invalid JSON", "-e", "LogisticRegression", "--params", "{C:")]
    [InlineData("max_iter", "-e", "LogisticRegression", "--params", """{"max_iter":-3}""", "--partitions", "2")]
    [InlineData("no_such_param", "-e", "LogisticRegression", "--params", """{"no_such_param":1}""")]
    public async Task Bad_options_are_clear_errors_and_write_nothing(string message, params string[] args)
    {
        var path = OutFile();
        var (exit, _, error) = await CliHarness.RunAsync(["fit", "--data", "iris", "--out", path, .. args]);

        Assert.NotEqual(0, exit);
        Assert.Contains(message, error);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task An_existing_model_file_is_kept_unless_forced()
    {
        var path = OutFile();
        File.WriteAllText(path, "previous");
        var refused = await CliHarness.RunAsync("fit", "-d", "iris", "-e", "LogisticRegression", "-o", path);
        Assert.NotEqual(0, refused.Exit);
        Assert.Contains("--force", refused.Err);
        Assert.Equal("previous", File.ReadAllText(path));

        var forced = await CliHarness.RunAsync("fit", "-d", "iris", "-e", "LogisticRegression", "-o", path, "--force");
        Assert.True(forced.Exit == 0, forced.Err);
        Assert.IsType<LinearClassifierModel>(ModelFile.Load(path).Model);
    }
}
