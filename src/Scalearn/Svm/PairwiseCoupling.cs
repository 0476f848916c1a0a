namespace Scalearn.Svm;

/// <summary>
/// Multiclass probabilities from pairwise ones (Wu, Lin and Weng 2004, method 2, as libsvm's multiclass_probability).
/// </summary>
internal static class PairwiseCoupling
{
    /// <param name="r">r[i][j] = P(class i | class i or j), with r[j][i] = 1 - r[i][j].</param>
    /// <param name="p">Receives the k class probabilities.</param>
    public static void Couple(double[,] r, Span<double> p)
    {
        int k = p.Length;
        int maxIter = Math.Max(100, k);
        var q = new double[k, k];
        var qp = new double[k];
        double eps = 0.005 / k;
        for (int t = 0; t < k; t++)
        {
            p[t] = 1.0 / k;
            q[t, t] = 0;
            for (int j = 0; j < t; j++)
            {
                q[t, t] += r[j, t] * r[j, t];
                q[t, j] = q[j, t];
            }
            for (int j = t + 1; j < k; j++)
            {
                q[t, t] += r[j, t] * r[j, t];
                q[t, j] = -r[j, t] * r[t, j];
            }
        }
        for (int iter = 0; iter < maxIter; iter++)
        {
            double pQp = 0;
            for (int t = 0; t < k; t++)
            {
                qp[t] = 0;
                for (int j = 0; j < k; j++) qp[t] += q[t, j] * p[j];
                pQp += p[t] * qp[t];
            }
            double maxError = 0;
            for (int t = 0; t < k; t++) maxError = Math.Max(maxError, Math.Abs(qp[t] - pQp));
            if (maxError < eps) break;
            for (int t = 0; t < k; t++)
            {
                double diff = (-qp[t] + pQp) / q[t, t];
                p[t] += diff;
                pQp = (pQp + diff * (diff * q[t, t] + 2 * qp[t])) / (1 + diff) / (1 + diff);
                for (int j = 0; j < k; j++)
                {
                    qp[j] = (qp[j] + diff * q[t, j]) / (1 + diff);
                    p[j] /= 1 + diff;
                }
            }
        }
    }
}
