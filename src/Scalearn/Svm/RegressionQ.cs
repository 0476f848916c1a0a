using System.Runtime.CompilerServices;
using System.Numerics.Tensors;

namespace Scalearn.Svm;

/// <summary>
/// Q of the epsilon-SVR dual: 2l variables (alpha then alpha*), Q_ij = s_i s_j K(x_{i mod l}, x_{j mod l}) with
/// s = +1 for the first half and -1 for the second. Kernel rows are cached once per training row.
/// </summary>
internal sealed class RegressionQ : IQMatrix, IDisposable
{
    private readonly KernelMatrix _kernel;
    private readonly int[] _identity;
    private readonly ColumnCache _cache;
    private readonly double[][] _buffers;
    private readonly int[] _owner = [-1, -1, -1];
    private readonly long[] _stamp = new long[3];
    private long _clock;

    public RegressionQ(KernelMatrix kernel, long cacheBytes)
    {
        _kernel = kernel;
        int l = kernel.Count;
        _identity = Enumerable.Range(0, l).ToArray();
        _cache = new ColumnCache(l, l, cacheBytes);
        _buffers = [new double[2 * l], new double[2 * l], new double[2 * l]];
        Diagonal = new double[2 * l];
        for (int i = 0; i < l; i++) Diagonal[i] = Diagonal[i + l] = kernel.Value(i, i);
    }

    public int Size => 2 * _kernel.Count;
    public double[] Diagonal { get; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<double> Column(int i, ReadOnlySpan<int> needed)
    {
        // The solver asks for the column it selected and then for it again in the step: keep the last few signed
        // columns instead of rebuilding them (the vectorized copy beats filling only the active entries).
        for (int b = 0; b < _buffers.Length; b++)
            if (_owner[b] == i)
            {
                _stamp[b] = ++_clock;
                return _buffers[b];
            }
        int slot = 0;
        for (int b = 1; b < _buffers.Length; b++) if (_stamp[b] < _stamp[slot]) slot = b;
        int l = _kernel.Count;
        int real = i % l;
        var row = _cache.Get(real, out bool fill);
        if (fill) _kernel.Row(real, _identity, row);
        var buffer = _buffers[slot];
        _owner[slot] = i;
        _stamp[slot] = ++_clock;
        double sign = i < l ? 1 : -1;
        TensorPrimitives.Multiply(row, sign, buffer.AsSpan(0, l));
        TensorPrimitives.Multiply(row, -sign, buffer.AsSpan(l, l));
        return buffer;
    }

    public void Dispose() => _cache.Dispose();
}
