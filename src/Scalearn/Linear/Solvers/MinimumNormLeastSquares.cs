using System.Numerics.Tensors;

namespace Scalearn.Linear.Solvers;

/// <summary>
/// The minimum-norm least-squares solution of X w ~ y (scikit-learn's LinearRegression through scipy's lstsq), computed
/// so that it does not depend on the units of the columns:
/// <list type="number">
/// <item>the columns are scaled to unit norm and the thin SVD of the scaled matrix is taken (<see cref="ThinSvd"/>);</item>
/// <item>singular values at most max(n, p) * eps * s_max of the scaled matrix count as zero (the cutoff of scikit-learn
/// 1.3 and later; 1.2.1 cut at eps * s_max of the unscaled matrix, which keeps rounding noise and drops columns that
/// are merely measured in small units);</item>
/// <item>w0 = D^-1 V1 S1^-1 U1^T y is a least-squares solution; when directions were dropped the minimum-norm solution
/// in the original units is the projection of w0 onto the row space of X, range(D V1).</item>
/// </list>
/// </summary>
internal static class MinimumNormLeastSquares
{
    public static Result Solve(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int rows, int cols)
    {
        // Powers of two near the column norms: scaling by them is exact, so a column multiplied by a power of two
        // yields bit-for-bit the same scaled matrix.
        var norms = ColumnNorms(x, rows, cols);
        var exponents = norms.Select(n => n > 0 ? Math.ILogB(n) : 0).ToArray();
        var scaled = new double[rows * cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) scaled[i * cols + j] = Math.ScaleB(x[i * cols + j], -exponents[j]);
        var svd = new ThinSvd(scaled, rows, cols);
        int k = svd.Rank;
        double sMax = k == 0 ? 0 : TensorPrimitives.Max<double>(svd.S);
        double cutoff = Math.Max(rows, cols) * 2.220446049250313e-16 * sMax;
        var uty = svd.UTranspose(y);
        var kept = Enumerable.Range(0, k).Where(j => svd.S[j] > cutoff).ToArray();

        var coef = new double[cols];
        foreach (int j in kept) TensorPrimitives.MultiplyAdd<double>(svd.VColumn(j), uty[j] / svd.S[j], coef, coef);
        for (int j = 0; j < cols; j++) coef[j] = norms[j] > 0 ? Math.ScaleB(coef[j], -exponents[j]) : 0;
        if (kept.Length < cols && kept.Length > 0) coef = ProjectOntoRowSpace(coef, svd, kept, exponents);
        return new Result(coef, kept.Length);
    }

    /// <summary>
    /// Orthogonal projection of w onto range(D V1). D spans the units of the columns, so the rows of D V1 can differ by
    /// many orders of magnitude: the QR sorts them by decreasing norm and pivots columns, which keeps every row accurate.
    /// </summary>
    private static double[] ProjectOntoRowSpace(double[] w, ThinSvd svd, int[] kept, int[] exponents)
    {
        int p = w.Length, r = kept.Length;
        var order = Enumerable.Range(0, p).ToArray();
        var rowNorms = new double[p];
        var basis = new double[p * r];
        for (int i = 0; i < p; i++)
            for (int c = 0; c < r; c++) rowNorms[i] = HouseholderQr.Hypot(rowNorms[i], Math.ScaleB(svd.VColumn(kept[c])[i], exponents[i]));
        Array.Sort(rowNorms.Select(n => -n).ToArray(), order);
        for (int position = 0; position < p; position++)
        {
            int i = order[position];
            for (int c = 0; c < r; c++) basis[position * r + c] = Math.ScaleB(svd.VColumn(kept[c])[i], exponents[i]);
        }
        var q = new HouseholderQr(basis, p, r, pivotColumns: true).ThinQ();
        var coordinates = new double[r];
        for (int position = 0; position < p; position++)
            if (w[order[position]] != 0) TensorPrimitives.MultiplyAdd<double>(q.AsSpan(position * r, r), w[order[position]], coordinates, coordinates);
        var projected = new double[p];
        for (int position = 0; position < p; position++) projected[order[position]] = TensorPrimitives.Dot<double>(q.AsSpan(position * r, r), coordinates);
        return projected;
    }

    /// <summary>Euclidean norms of the columns of a row-major matrix, safe for columns of huge or tiny values.</summary>
    internal static double[] ColumnNorms(ReadOnlySpan<double> x, int rows, int cols)
    {
        var squares = new double[cols];
        for (int i = 0; i < rows; i++) TensorPrimitives.MultiplyAdd<double>(x.Slice(i * cols, cols), x.Slice(i * cols, cols), squares, squares);
        var norms = new double[cols];
        for (int j = 0; j < cols; j++)
        {
            if (squares[j] > 1e-290 && double.IsFinite(squares[j])) { norms[j] = Math.Sqrt(squares[j]); continue; }
            for (int i = 0; i < rows; i++) norms[j] = HouseholderQr.Hypot(norms[j], x[i * cols + j]);
        }
        return norms;
    }

    /// <param name="Coef">The minimum-norm solution.</param>
    /// <param name="Rank">The number of singular values above the cutoff (scikit-learn's rank_).</param>
    public sealed record Result(double[] Coef, int Rank);
}
