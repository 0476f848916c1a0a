using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Scalearn.Numerics;

/// <summary>
/// A working copy of a weight vector of length n laid out for AVX-512 kernels over rows of a row-major array: the
/// first n - n % 8 values as whole vectors, then one tail vector holding positions n - 8 .. n - 1 with the lanes the
/// whole vectors already hold kept at zero. A row's tail is loaded from its own position n - 8 and masked, so no
/// kernel reads past the end of a row or needs a scalar remainder loop.
/// </summary>
internal sealed class TailPackedVector
{
    private const int Lanes = 8;
    private readonly double[] _packed;
    private readonly int _length, _whole;
    private readonly Vector512<double> _tailMask;

    public TailPackedVector(int length)
    {
        if (!IsSupported(length)) throw new ArgumentOutOfRangeException(nameof(length), length, "Needs AVX-512 and at least 8 values.");
        _length = length;
        _whole = length - length % Lanes;
        _packed = new double[_whole + (_whole == length ? 0 : Lanes)];
        _tailMask = Vector512.GreaterThanOrEqual(Vector512.Create(0L, 1, 2, 3, 4, 5, 6, 7), Vector512.Create((long)(_whole + Lanes - length))).AsDouble();
    }

    public static bool IsSupported(int length) => Vector512.IsHardwareAccelerated && length >= Lanes;

    private bool HasTail => _whole != _length;

    /// <summary>Position in the tail vector of the first value the whole vectors do not hold.</summary>
    private int FirstTailLane => _whole + Lanes - _length;

    public void CopyFrom(ReadOnlySpan<double> values)
    {
        values[.._whole].CopyTo(_packed);
        if (!HasTail) return;
        var tail = _packed.AsSpan(_whole);
        tail.Clear();
        values[_whole..].CopyTo(tail[FirstTailLane..]);
    }

    public void CopyTo(Span<double> values)
    {
        _packed.AsSpan(0, _whole).CopyTo(values);
        if (HasTail) _packed.AsSpan(_whole + FirstTailLane).CopyTo(values[_whole..]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Scale(double factor)
    {
        for (int i = 0; i < _packed.Length; i++) _packed[i] *= factor;
    }

    /// <summary>The dot product of this vector with the row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Dot(ReadOnlySpan<double> row)
    {
        CheckLength(row);
        ref double x = ref MemoryMarshal.GetReference(row);
        ref double w = ref MemoryMarshal.GetArrayDataReference(_packed);
        Vector512<double> acc0 = Vector512<double>.Zero, acc1 = acc0;
        int i = 0;
        for (; i + 2 * Lanes <= _whole; i += 2 * Lanes)
        {
            acc0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x, (nuint)i), Vector512.LoadUnsafe(ref w, (nuint)i), acc0);
            acc1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x, (nuint)(i + Lanes)), Vector512.LoadUnsafe(ref w, (nuint)(i + Lanes)), acc1);
        }
        if (i < _whole) acc0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x, (nuint)i), Vector512.LoadUnsafe(ref w, (nuint)i), acc0);
        if (HasTail)
            acc1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x, (nuint)(_length - Lanes)) & _tailMask, Vector512.LoadUnsafe(ref w, (nuint)_whole), acc1);
        return Sum(acc0 + acc1);
    }

    /// <summary>
    /// For an update w += a * p still pending from the previous row p: returns x . (w + a p) for the row x as
    /// x . w + a (x . p), so that neither dot product waits for a, and applies the update in the same pass.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double DotApplyingPending(ReadOnlySpan<double> row, ReadOnlySpan<double> pending, double a)
    {
        CheckLength(row);
        CheckLength(pending);
        ref double x = ref MemoryMarshal.GetReference(row);
        ref double p = ref MemoryMarshal.GetReference(pending);
        ref double w = ref MemoryMarshal.GetArrayDataReference(_packed);
        var va = Vector512.Create(a);
        Vector512<double> xw0 = Vector512<double>.Zero, xw1 = xw0, xp0 = xw0, xp1 = xw0;
        int i = 0;
        for (; i + 2 * Lanes <= _whole; i += 2 * Lanes)
        {
            var x0 = Vector512.LoadUnsafe(ref x, (nuint)i);
            var x1 = Vector512.LoadUnsafe(ref x, (nuint)(i + Lanes));
            var p0 = Vector512.LoadUnsafe(ref p, (nuint)i);
            var p1 = Vector512.LoadUnsafe(ref p, (nuint)(i + Lanes));
            var w0 = Vector512.LoadUnsafe(ref w, (nuint)i);
            var w1 = Vector512.LoadUnsafe(ref w, (nuint)(i + Lanes));
            xw0 = Vector512.FusedMultiplyAdd(x0, w0, xw0);
            xw1 = Vector512.FusedMultiplyAdd(x1, w1, xw1);
            xp0 = Vector512.FusedMultiplyAdd(x0, p0, xp0);
            xp1 = Vector512.FusedMultiplyAdd(x1, p1, xp1);
            Vector512.FusedMultiplyAdd(va, p0, w0).StoreUnsafe(ref w, (nuint)i);
            Vector512.FusedMultiplyAdd(va, p1, w1).StoreUnsafe(ref w, (nuint)(i + Lanes));
        }
        if (i < _whole)
        {
            var x0 = Vector512.LoadUnsafe(ref x, (nuint)i);
            var p0 = Vector512.LoadUnsafe(ref p, (nuint)i);
            var w0 = Vector512.LoadUnsafe(ref w, (nuint)i);
            xw0 = Vector512.FusedMultiplyAdd(x0, w0, xw0);
            xp0 = Vector512.FusedMultiplyAdd(x0, p0, xp0);
            Vector512.FusedMultiplyAdd(va, p0, w0).StoreUnsafe(ref w, (nuint)i);
        }
        if (HasTail)
        {
            nuint rowTail = (nuint)(_length - Lanes);
            var x0 = Vector512.LoadUnsafe(ref x, rowTail) & _tailMask;
            var p0 = Vector512.LoadUnsafe(ref p, rowTail) & _tailMask;
            var w0 = Vector512.LoadUnsafe(ref w, (nuint)_whole);
            xw1 = Vector512.FusedMultiplyAdd(x0, w0, xw1);
            xp1 = Vector512.FusedMultiplyAdd(x0, p0, xp1);
            Vector512.FusedMultiplyAdd(va, p0, w0).StoreUnsafe(ref w, (nuint)_whole);
        }
        return Sum(xw0 + xw1) + a * Sum(xp0 + xp1);
    }

    /// <summary>w += a * row.</summary>
    public void AddScaled(ReadOnlySpan<double> row, double a)
    {
        CheckLength(row);
        ref double x = ref MemoryMarshal.GetReference(row);
        ref double w = ref MemoryMarshal.GetArrayDataReference(_packed);
        var va = Vector512.Create(a);
        for (int i = 0; i < _whole; i += Lanes)
            Vector512.FusedMultiplyAdd(va, Vector512.LoadUnsafe(ref x, (nuint)i), Vector512.LoadUnsafe(ref w, (nuint)i)).StoreUnsafe(ref w, (nuint)i);
        if (HasTail)
        {
            var tail = Vector512.LoadUnsafe(ref x, (nuint)(_length - Lanes)) & _tailMask;
            Vector512.FusedMultiplyAdd(va, tail, Vector512.LoadUnsafe(ref w, (nuint)_whole)).StoreUnsafe(ref w, (nuint)_whole);
        }
    }

    /// <summary>Horizontal sum by halving: shorter than the general Vector512.Sum, and it sits on the row-to-row chain.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Sum(Vector512<double> v)
    {
        var quarter = v.GetLower() + v.GetUpper();
        var half = quarter.GetLower() + quarter.GetUpper();
        return half.ToScalar() + half.GetElement(1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckLength(ReadOnlySpan<double> row)
    {
        if (row.Length != _length) ThrowLengthMismatch(row.Length);
    }

    [DoesNotReturn]
    private void ThrowLengthMismatch(int length) => throw new ArgumentException($"Row of {length} values for a vector of {_length}.");
}
