using System.Runtime.CompilerServices;
namespace Scalearn.Svm;

/// <summary>Q of a binary C-SVC sub-problem over training rows <c>rows</c> with labels y in {+1, -1}.</summary>
internal sealed class ClassificationQ : IQMatrix, IDisposable
{
    private readonly KernelMatrix _kernel;
    private readonly int[] _rows;
    private readonly ColumnCache _cache;
    private readonly bool _consecutive;

    public ClassificationQ(KernelMatrix kernel, int[] rows, long cacheBytes)
    {
        _kernel = kernel;
        _rows = rows;
        _consecutive = KernelMatrix.IsRange(rows);
        _cache = new ColumnCache(rows.Length, rows.Length, cacheBytes);
        Diagonal = rows.Select(r => kernel.Value(r, r)).ToArray();
    }

    public int Size => _rows.Length;
    public int RowLength => _rows.Length;
    public double[] Diagonal { get; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<double> KernelRow(int i)
    {
        var row = _cache.Get(i, out bool fill);
        if (fill)
        {
            if (_consecutive) _kernel.RowRange(_rows[i], _rows[0], row);
            else _kernel.Row(_rows[i], _rows, row);
        }
        return row;
    }

    public bool IsCached(int i) => _kernel.HasGram || _cache.Contains(i);

    public void Dispose() => _cache.Dispose();
}
