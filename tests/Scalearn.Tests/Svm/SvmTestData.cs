using Scalearn.Data;

namespace Scalearn.Tests.Svm;

/// <summary>Standardization for the SVM fixture tests (the fixtures were generated on StandardScaler output).</summary>
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
}
