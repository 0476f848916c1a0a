using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Numerics;

namespace Scalearn.Tests.Svm;

/// <summary>Standardization and a small stratified shuffled k-fold loop for the SVM tests.</summary>
internal static class SvmTestData
{
    /// <summary>StandardScaler semantics (population std; constant columns left centered), fitted on <paramref name="fitOn"/>.</summary>
    public static Dataset Standardize(Dataset data, int[]? fitOn = null)
    {
        int d = data.FeatureCount;
        var rows = fitOn ?? Enumerable.Range(0, data.Count).ToArray();
        var mean = new double[d];
        var scale = new double[d];
        foreach (int r in rows) for (int j = 0; j < d; j++) mean[j] += data.X[r, j];
        for (int j = 0; j < d; j++) mean[j] /= rows.Length;
        foreach (int r in rows) for (int j = 0; j < d; j++) scale[j] += (data.X[r, j] - mean[j]) * (data.X[r, j] - mean[j]);
        for (int j = 0; j < d; j++)
        {
            scale[j] = Math.Sqrt(scale[j] / rows.Length);
            if (scale[j] == 0) scale[j] = 1;
        }
        var x = new Matrix(data.Count, d);
        for (int r = 0; r < data.Count; r++)
            for (int j = 0; j < d; j++)
                x[r, j] = (data.X[r, j] - mean[j]) / scale[j];
        return new Dataset(x, data.Y, data.FeatureNames, data.TargetName, data.Name);
    }

    /// <summary>Test-fold indices: each class shuffled and dealt round-robin over the folds.</summary>
    public static int[][] StratifiedFolds(double[] y, int folds, int seed)
    {
        var rng = new Rng(seed);
        var result = Enumerable.Range(0, folds).Select(_ => new List<int>()).ToArray();
        int next = 0;
        foreach (var group in Enumerable.Range(0, y.Length).GroupBy(i => y[i]).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            rng.Shuffle<int>(members);
            foreach (int i in members) result[next++ % folds].Add(i);
        }
        return result.Select(f => f.Order().ToArray()).ToArray();
    }

    /// <summary>Mean accuracy over stratified shuffled folds, standardizing on each training part.</summary>
    public static double CrossValidatedAccuracy(IEstimator estimator, Dataset data, int folds = 5, int seed = 0)
    {
        var y = data.RequireTarget();
        double total = 0;
        foreach (var test in StratifiedFolds(y, folds, seed))
        {
            var testSet = test.ToHashSet();
            var train = Enumerable.Range(0, data.Count).Where(i => !testSet.Contains(i)).ToArray();
            var scaled = Standardize(data, train);
            var model = (IPredictor)estimator.Fit(scaled.Rows(train));
            total += model.Score(scaled.Rows(test));
        }
        return total / folds;
    }
}
