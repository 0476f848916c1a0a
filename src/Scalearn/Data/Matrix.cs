namespace Scalearn.Data;

/// <summary>
/// Dense row-major matrix of doubles. Double (not float) is the storage type because the linear, logistic and SVM
/// solvers need float64 accuracy to agree with scikit-learn to 1e-4; estimators whose hot loops gain from narrower
/// types (trees bin features into bytes, k-NN searches float32 blocks) build their own compact copy once per fit.
/// </summary>
public sealed class Matrix
{
    public Matrix(int rows, int cols) : this(new double[checked(rows * cols)], rows, cols) { }

    public Matrix(double[] values, int rows, int cols)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (rows < 0 || cols < 0) throw new ArgumentOutOfRangeException(nameof(rows), "Matrix dimensions must be non-negative.");
        if (values.Length != (long)rows * cols)
            throw new ArgumentException($"Matrix of {rows}x{cols} needs {(long)rows * cols} values, got {values.Length}.", nameof(values));
        Values = values;
        Rows = rows;
        Cols = cols;
    }

    public int Rows { get; }
    public int Cols { get; }

    /// <summary>The backing row-major array (Rows * Cols). Treat as read-only once the matrix is shared.</summary>
    public double[] Values { get; }

    public double this[int row, int col]
    {
        get => Values[row * Cols + col];
        set => Values[row * Cols + col] = value;
    }

    public Span<double> Row(int row) => Values.AsSpan(row * Cols, Cols);

    public static Matrix FromRows(IReadOnlyList<double[]> rows)
    {
        int cols = rows.Count == 0 ? 0 : rows[0].Length;
        var m = new Matrix(rows.Count, cols);
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != cols) throw new ArgumentException($"Row {i} has {rows[i].Length} values, expected {cols}.", nameof(rows));
            rows[i].CopyTo(m.Row(i));
        }
        return m;
    }

    public double[] Column(int col)
    {
        var result = new double[Rows];
        for (int i = 0; i < Rows; i++) result[i] = Values[i * Cols + col];
        return result;
    }
}
