using System.Numerics.Tensors;

namespace Scalearn.Linear.Solvers;

/// <summary>
/// Thin SVD X = U diag(S) V^T of a row-major n x p matrix: Householder QR of X (or of X^T when p > n) and one-sided
/// Jacobi on the small triangular factor. U is kept implicitly; <see cref="UTranspose"/> applies U^T to a vector.
/// </summary>
internal sealed class ThinSvd
{
    private readonly HouseholderQr? _qr;
    private readonly double[] _innerU;

    public ThinSvd(ReadOnlySpan<double> x, int rows, int cols)
    {
        Rows = rows;
        Cols = cols;
        Rank = Math.Min(rows, cols);
        int k = Rank;
        if (rows >= cols)
        {
            // X = Q R, R = U_R S V^T, so U = Q U_R.
            _qr = new HouseholderQr(x.ToArray(), rows, cols);
            var svd = new OneSidedJacobi(_qr.RColumnMajor(), cols);
            S = svd.S;
            V = svd.V;
            _innerU = svd.U;
        }
        else
        {
            // X^T = Q R, so X = R^T Q^T; R^T = U S W^T gives V = Q W.
            var xt = new double[cols * rows];
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < cols; j++) xt[j * rows + i] = x[i * cols + j];
            var qr = new HouseholderQr(xt, cols, rows);
            var svd = new OneSidedJacobi(qr.RTransposeColumnMajor(), rows);
            var q = qr.ThinQ();
            S = svd.S;
            _innerU = svd.U;
            V = new double[cols * k];
            for (int j = 0; j < k; j++)
            {
                var w = svd.V.AsSpan(j * k, k);
                var column = V.AsSpan(j * cols, cols);
                for (int i = 0; i < cols; i++) column[i] = TensorPrimitives.Dot<double>(q.AsSpan(i * k, k), w);
            }
        }
    }

    public int Rows { get; }
    public int Cols { get; }

    /// <summary>min(Rows, Cols): the number of singular values.</summary>
    public int Rank { get; }

    /// <summary>Singular values, unordered; S[j] belongs to column j of V and of U.</summary>
    public double[] S { get; }

    /// <summary>Right singular vectors, column-major Cols x Rank.</summary>
    public double[] V { get; }

    public ReadOnlySpan<double> VColumn(int j) => V.AsSpan(j * Cols, Cols);

    /// <summary>U^T y for y of length Rows.</summary>
    public double[] UTranspose(ReadOnlySpan<double> y)
    {
        int k = Rank;
        var result = new double[k];
        if (_qr is not null)
        {
            var qty = y.ToArray();
            _qr.ApplyQTranspose(qty);
            for (int j = 0; j < k; j++) result[j] = TensorPrimitives.Dot<double>(_innerU.AsSpan(j * k, k), qty.AsSpan(0, k));
        }
        else
        {
            for (int j = 0; j < k; j++) result[j] = TensorPrimitives.Dot<double>(_innerU.AsSpan(j * k, k), y);
        }
        return result;
    }
}
