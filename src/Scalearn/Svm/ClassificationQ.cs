using System.Runtime.CompilerServices;
namespace Scalearn.Svm;

/// <summary>Q of a binary C-SVC sub-problem over training rows <c>rows</c> with labels y in {+1, -1}.</summary>
internal sealed class ClassificationQ : IQMatrix, IDisposable
{
    private readonly KernelMatrix _kernel;
    private readonly int[] _rows;
    private readonly double[] _y;
    private readonly ColumnCache _cache;

    public ClassificationQ(KernelMatrix kernel, int[] rows, sbyte[] y, long cacheBytes)
    {
        _kernel = kernel;
        _rows = rows;
        _y = y.Select(v => (double)v).ToArray();
        _cache = new ColumnCache(rows.Length, rows.Length, cacheBytes);
        Diagonal = rows.Select(r => kernel.Value(r, r)).ToArray();
    }

    public int Size => _rows.Length;
    public double[] Diagonal { get; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<double> Column(int i, ReadOnlySpan<int> needed)
    {
        var column = _cache.Get(i, out bool fill);
        if (fill)
        {
            _kernel.Row(_rows[i], _rows, column);
            System.Numerics.Tensors.TensorPrimitives.Multiply(column, _y, column);
            if (_y[i] < 0) System.Numerics.Tensors.TensorPrimitives.Negate(column, column);
        }
        return column;
    }

    public void Dispose() => _cache.Dispose();
}
