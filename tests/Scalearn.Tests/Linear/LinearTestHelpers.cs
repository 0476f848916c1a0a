using System.Text.Json;
using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Tests.Linear;

/// <summary>Fixture loading, in-fold standardization and a small cross-validation loop for the linear-model tests.</summary>
internal static class LinearTestHelpers
{
    public static JsonElement Fixture(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Linear", name + ".json"))).RootElement;

    public static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static double[][] Rows(JsonElement e) => e.EnumerateArray().Select(Doubles).ToArray();

    public static void AssertClose(double expected, double actual, double relative, string what)
    {
        double scale = Math.Max(Math.Abs(expected), 1e-3);
        Assert.True(Math.Abs(expected - actual) <= relative * scale, $"{what}: expected {expected:R}, got {actual:R}");
    }

    public static void AssertAllClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double relative, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        // Relative to the largest coefficient, so tiny coefficients are not held to an impossible standard.
        double scale = Math.Max(expected.Max(Math.Abs), 1e-3);
        for (int i = 0; i < expected.Count; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= relative * scale, $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
    }

    /// <summary>Standardizes with the mean and population std of <paramref name="fitRows"/> (StandardScaler).</summary>
    public static Dataset Standardize(Dataset data, int[] fitRows)
    {
        int p = data.FeatureCount;
        var mean = new double[p];
        var std = new double[p];
        foreach (int i in fitRows) for (int j = 0; j < p; j++) mean[j] += data.X[i, j];
        for (int j = 0; j < p; j++) mean[j] /= fitRows.Length;
        foreach (int i in fitRows) for (int j = 0; j < p; j++) std[j] += Math.Pow(data.X[i, j] - mean[j], 2);
        for (int j = 0; j < p; j++) { std[j] = Math.Sqrt(std[j] / fitRows.Length); if (std[j] == 0) std[j] = 1; }
        var x = new Matrix(data.Count, p);
        for (int i = 0; i < data.Count; i++) for (int j = 0; j < p; j++) x[i, j] = (data.X[i, j] - mean[j]) / std[j];
        return new Dataset(x, data.Y, data.FeatureNames, data.TargetName, data.Name);
    }

    public static Dataset StandardizeAll(Dataset data) => Standardize(data, Enumerable.Range(0, data.Count).ToArray());

    /// <summary>Mean score over 5 shuffled folds (stratified for classification), standardizing inside each fold when asked.</summary>
    public static double CrossValidate(IEstimator estimator, Dataset data, bool stratified, bool standardize, int seed = 0)
    {
        var folds = stratified ? StratifiedFolds(data.RequireTarget(), 5, seed) : ShuffledFolds(data.Count, 5, seed);
        double total = 0;
        for (int f = 0; f < folds.Length; f++)
        {
            var test = folds[f];
            var train = folds.Where((_, g) => g != f).SelectMany(x => x).ToArray();
            var source = standardize ? Standardize(data, train) : data;
            var model = (IPredictor)estimator.Clone().Fit(source.Rows(train));
            total += model.Score(source.Rows(test));
        }
        return total / folds.Length;
    }

    private static int[][] ShuffledFolds(int n, int k, int seed)
    {
        var order = Enumerable.Range(0, n).ToArray();
        new Scalearn.Numerics.Rng(seed).Shuffle(order.AsSpan());
        return Enumerable.Range(0, k).Select(f => order.Where((_, i) => i % k == f).ToArray()).ToArray();
    }

    private static int[][] StratifiedFolds(double[] y, int k, int seed)
    {
        var rng = new Scalearn.Numerics.Rng(seed);
        var folds = Enumerable.Range(0, k).Select(_ => new List<int>()).ToArray();
        int next = 0;
        foreach (var group in Enumerable.Range(0, y.Length).GroupBy(i => y[i]).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            rng.Shuffle(members.AsSpan());
            foreach (int i in members) folds[next++ % k].Add(i);
        }
        return folds.Select(f => f.ToArray()).ToArray();
    }
}
