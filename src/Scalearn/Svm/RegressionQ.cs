using System.Runtime.CompilerServices;

namespace Scalearn.Svm;

/// <summary>
/// Q of the epsilon-SVR dual: 2l variables (alpha then alpha*), Q_ij = s_i s_j K(x_{i mod l}, x_{j mod l}) with
/// s = +1 for the first half and -1 for the second. One cached kernel row serves both variables of a training row.
/// </summary>
internal sealed class RegressionQ : IQMatrix, IDisposable
{
    private readonly KernelMatrix _kernel;
    private readonly ColumnCache _cache;

    public RegressionQ(KernelMatrix kernel, long cacheBytes)
    {
        _kernel = kernel;
        int l = kernel.Count;
        _cache = new ColumnCache(l, l, cacheBytes);
        Diagonal = new double[2 * l];
        for (int i = 0; i < l; i++) Diagonal[i] = Diagonal[i + l] = kernel.Value(i, i);
    }

    public int Size => 2 * _kernel.Count;
    public int RowLength => _kernel.Count;
    public double[] Diagonal { get; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<double> KernelRow(int i)
    {
        int real = i % _kernel.Count;
        var row = _cache.Get(real, out bool fill);
        if (fill) _kernel.RowRange(real, 0, row);
        return row;
    }

    public bool IsCached(int i) => _kernel.HasGram || _cache.Contains(i % _kernel.Count);

    public void Dispose() => _cache.Dispose();
}
