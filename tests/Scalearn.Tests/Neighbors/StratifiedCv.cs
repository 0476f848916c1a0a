using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Numerics;

namespace Scalearn.Tests.Neighbors;

/// <summary>Tiny stand-in for cross_val_score: stratified shuffled k-fold, standardising inside each fold.</summary>
internal static class StratifiedCv
{
    public static double MeanAccuracy(Dataset data, IEstimator estimator, int folds = 5, int seed = 0)
    {
        var rng = new Rng(seed);
        var fold = new int[data.Count];
        foreach (var group in Enumerable.Range(0, data.Count).GroupBy(i => data.Y![i]))
        {
            var rows = group.ToArray();
            rng.Shuffle(rows.AsSpan());
            for (int r = 0; r < rows.Length; r++) fold[rows[r]] = r % folds;
        }
        double total = 0;
        for (int f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, data.Count).Where(i => fold[i] != f).ToArray();
            var test = Enumerable.Range(0, data.Count).Where(i => fold[i] == f).ToArray();
            var (trainSet, testSet) = Standardize(data, train, test);
            var model = (IPredictor)estimator.Clone().Fit(trainSet);
            total += model.Score(testSet);
        }
        return total / folds;
    }

    private static (Dataset Train, Dataset Test) Standardize(Dataset data, int[] train, int[] test)
    {
        int d = data.FeatureCount;
        var mean = new double[d];
        var scale = new double[d];
        for (int j = 0; j < d; j++)
        {
            mean[j] = train.Average(i => data.X[i, j]);
            double sd = Math.Sqrt(train.Average(i => Math.Pow(data.X[i, j] - mean[j], 2)));
            scale[j] = sd == 0 ? 1 : sd;
        }
        Dataset Apply(int[] rows)
        {
            var x = new Matrix(rows.Length, d);
            for (int r = 0; r < rows.Length; r++)
                for (int j = 0; j < d; j++) x[r, j] = (data.X[rows[r], j] - mean[j]) / scale[j];
            return new Dataset(x, rows.Select(i => data.Y![i]).ToArray());
        }
        return (Apply(train), Apply(test));
    }
}
