using Scalearn.Numerics;

namespace Scalearn.Data.Generators;

/// <summary>
/// scikit-learn's make_low_rank_matrix: U diag(s) V^T with random orthonormal U (n_samples x n) and V (n_features x n),
/// n = min(n_samples, n_features), and singular values s_i = (1 - tail) exp(-(i / rank)^2) + tail exp(-0.1 i / rank).
/// </summary>
internal static class LowRankMatrix
{
    public static Matrix Create(int nSamples, int nFeatures, int effectiveRank, double tailStrength, Rng rng)
    {
        int n = Math.Min(nSamples, nFeatures);
        var u = OrthonormalColumns(nSamples, n, rng);
        var v = OrthonormalColumns(nFeatures, n, rng);
        var s = new double[n];
        for (int i = 0; i < n; i++)
            s[i] = (1 - tailStrength) * Math.Exp(-Math.Pow((double)i / effectiveRank, 2)) + tailStrength * Math.Exp(-0.1 * i / effectiveRank);
        var result = new Matrix(nSamples, nFeatures);
        Parallel.For(0, nSamples, r =>
        {
            var row = result.Row(r);
            for (int k = 0; k < n; k++)
            {
                double weight = u[k][r] * s[k];
                var vk = v[k];
                for (int j = 0; j < nFeatures; j++) row[j] += weight * vk[j];
            }
        });
        return result;
    }

    /// <summary>Columns (stored one array each) of the Q factor of a Gaussian matrix: Gram-Schmidt applied twice for stability.</summary>
    private static double[][] OrthonormalColumns(int rows, int columns, Rng rng)
    {
        var q = new double[columns][];
        for (int k = 0; k < columns; k++)
        {
            var column = new double[rows];
            NormalFill.Fill(rng, column);
            for (int pass = 0; pass < 2; pass++)
                for (int p = 0; p < k; p++)
                {
                    double dot = System.Numerics.Tensors.TensorPrimitives.Dot<double>(column, q[p]);
                    for (int i = 0; i < rows; i++) column[i] -= dot * q[p][i];
                }
            double norm = System.Numerics.Tensors.TensorPrimitives.Norm<double>(column);
            for (int i = 0; i < rows; i++) column[i] /= norm;
            q[k] = column;
        }
        return q;
    }
}
