using System.Numerics.Tensors;
using Scalearn.Data;

namespace Scalearn.Linear;

/// <summary>
/// A dense copy of X and y, centered column-wise when an intercept is fitted (scikit-learn's _preprocess_data), so
/// solvers work without an intercept column and the intercept is recovered as mean(y) - mean(X) . coef.
/// </summary>
internal sealed class CenteredProblem
{
    private CenteredProblem(double[] x, double[] y, double[] xMean, double yMean, int rows, int cols)
    {
        X = x; Y = y; XMean = xMean; YMean = yMean; Rows = rows; Cols = cols;
    }

    public double[] X { get; }
    public double[] Y { get; }
    public double[] XMean { get; }
    public double YMean { get; }
    public int Rows { get; }
    public int Cols { get; }

    public ReadOnlySpan<double> Row(int i) => X.AsSpan(i * Cols, Cols);

    public static CenteredProblem From(DataView data, bool center)
    {
        var x = data.ToMatrix().Values;
        var y = data.Targets();
        int n = data.Count, p = data.FeatureCount;
        var xMean = new double[p];
        double yMean = 0;
        if (center)
        {
            for (int i = 0; i < n; i++) TensorPrimitives.Add<double>(xMean, x.AsSpan(i * p, p), xMean);
            TensorPrimitives.Divide<double>(xMean, n, xMean);
            RefineMeans(x, n, p, xMean);
            for (int i = 0; i < n; i++) TensorPrimitives.Subtract<double>(x.AsSpan(i * p, p), xMean, x.AsSpan(i * p, p));
            var yMeans = new[] { TensorPrimitives.Sum<double>(y) / n };
            RefineMeans(y, n, 1, yMeans);
            yMean = yMeans[0];
            TensorPrimitives.Subtract<double>(y, yMean, y);
        }
        return new CenteredProblem(x, y, xMean, yMean, n, p);
    }

    /// <summary>
    /// Adds the mean of the residuals x - mean to each mean (the corrected two-pass algorithm), and makes the mean of a
    /// constant column that constant exactly, so that centering leaves such a column exactly zero rather than rounding
    /// noise that a least-squares solver would fit.
    /// </summary>
    private static void RefineMeans(double[] x, int n, int p, double[] mean)
    {
        var correction = new double[p];
        var constant = new bool[p];
        Array.Fill(constant, true);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < p; j++)
            {
                double v = x[i * p + j];
                correction[j] += v - mean[j];
                if (v != x[j]) constant[j] = false;
            }
        }
        for (int j = 0; j < p; j++) mean[j] = constant[j] ? x[j] : mean[j] + correction[j] / n;
    }

    public double InterceptFor(ReadOnlySpan<double> coef) => YMean - TensorPrimitives.Dot<double>(XMean, coef);

    /// <summary>X^T X as a full symmetric Cols x Cols matrix.</summary>
    public double[] Gram()
    {
        int p = Cols;
        var g = new double[p * p];
        for (int i = 0; i < Rows; i++)
        {
            var r = Row(i);
            for (int j = 0; j < p; j++)
                if (r[j] != 0) TensorPrimitives.MultiplyAdd<double>(r[j..], r[j], g.AsSpan(j * p + j, p - j), g.AsSpan(j * p + j, p - j));
        }
        for (int j = 0; j < p; j++)
            for (int k = j + 1; k < p; k++) g[k * p + j] = g[j * p + k];
        return g;
    }

    /// <summary>X X^T as a full symmetric Rows x Rows matrix (the kernel form, cheaper when Cols > Rows).</summary>
    public double[] Kernel()
    {
        int n = Rows;
        var k = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++) k[i * n + j] = k[j * n + i] = TensorPrimitives.Dot<double>(Row(i), Row(j));
        return k;
    }

    public double[] XtY() => XtV(Y);

    public double[] XtV(ReadOnlySpan<double> v)
    {
        var result = new double[Cols];
        for (int i = 0; i < Rows; i++)
            if (v[i] != 0) TensorPrimitives.MultiplyAdd<double>(Row(i), v[i], result, result);
        return result;
    }

    public void Predict(ReadOnlySpan<double> coef, Span<double> output)
    {
        for (int i = 0; i < Rows; i++) output[i] = TensorPrimitives.Dot<double>(Row(i), coef);
    }
}
