using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Scalearn.Numerics;

/// <summary>
/// Kernels for short rows (tens of values): kernel rows in SVMs, per-row SGD steps. Called millions of times per fit,
/// so they are compiled fully optimized from the first call (no tiering) and avoid the setup cost of the
/// general-purpose span routines.
/// </summary>
internal static class ShortVectors
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n = a.Length, width = Vector<double>.Count, vectorEnd = n - n % width;
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
        double sum = 0;
        if (vectorEnd > 0)
        {
            var acc = Vector<double>.Zero;
            for (int i = 0; i < vectorEnd; i += width)
                acc += Vector.LoadUnsafe(ref ra, (nuint)i) * Vector.LoadUnsafe(ref rb, (nuint)i);
            sum = Vector.Sum(acc);
        }
        for (int i = vectorEnd; i < n; i++) sum += Unsafe.Add(ref ra, i) * Unsafe.Add(ref rb, i);
        return sum;
    }

    /// <summary>dest[k] = a . b_k for four consecutive rows b_0..b_3 of length a.Length (loads of a shared).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void DotFour(ReadOnlySpan<double> a, ReadOnlySpan<double> fourRows, Span<double> dest)
    {
        int n = a.Length, width = Vector<double>.Count, vectorEnd = n - n % width;
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double r0 = ref MemoryMarshal.GetReference(fourRows);
        ref double r1 = ref Unsafe.Add(ref r0, n);
        ref double r2 = ref Unsafe.Add(ref r1, n);
        ref double r3 = ref Unsafe.Add(ref r2, n);
        Vector<double> acc0 = Vector<double>.Zero, acc1 = acc0, acc2 = acc0, acc3 = acc0;
        for (int i = 0; i < vectorEnd; i += width)
        {
            var va = Vector.LoadUnsafe(ref ra, (nuint)i);
            acc0 += va * Vector.LoadUnsafe(ref r0, (nuint)i);
            acc1 += va * Vector.LoadUnsafe(ref r1, (nuint)i);
            acc2 += va * Vector.LoadUnsafe(ref r2, (nuint)i);
            acc3 += va * Vector.LoadUnsafe(ref r3, (nuint)i);
        }
        double s0 = Vector.Sum(acc0), s1 = Vector.Sum(acc1), s2 = Vector.Sum(acc2), s3 = Vector.Sum(acc3);
        for (int i = vectorEnd; i < n; i++)
        {
            double v = Unsafe.Add(ref ra, i);
            s0 += v * Unsafe.Add(ref r0, i);
            s1 += v * Unsafe.Add(ref r1, i);
            s2 += v * Unsafe.Add(ref r2, i);
            s3 += v * Unsafe.Add(ref r3, i);
        }
        dest[0] = s0;
        dest[1] = s1;
        dest[2] = s2;
        dest[3] = s3;
    }

    /// <summary>
    /// Dot product with four independent accumulators: shorter dependency chains than <see cref="Dot"/> for rows of
    /// a few dozen values (a different summation order, so results may differ from it in the last bits).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double DotPipelined(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n = a.Length, width = Vector<double>.Count, blockEnd = n - n % (4 * width), vectorEnd = n - n % width;
        if (b.Length < n) throw new ArgumentException("Second vector is shorter than the first.", nameof(b));
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
        Vector<double> acc0 = Vector<double>.Zero, acc1 = acc0, acc2 = acc0, acc3 = acc0;
        int i = 0;
        for (; i < blockEnd; i += 4 * width)
        {
            acc0 += Vector.LoadUnsafe(ref ra, (nuint)i) * Vector.LoadUnsafe(ref rb, (nuint)i);
            acc1 += Vector.LoadUnsafe(ref ra, (nuint)(i + width)) * Vector.LoadUnsafe(ref rb, (nuint)(i + width));
            acc2 += Vector.LoadUnsafe(ref ra, (nuint)(i + 2 * width)) * Vector.LoadUnsafe(ref rb, (nuint)(i + 2 * width));
            acc3 += Vector.LoadUnsafe(ref ra, (nuint)(i + 3 * width)) * Vector.LoadUnsafe(ref rb, (nuint)(i + 3 * width));
        }
        for (; i < vectorEnd; i += width) acc0 += Vector.LoadUnsafe(ref ra, (nuint)i) * Vector.LoadUnsafe(ref rb, (nuint)i);
        double sum = Vector.Sum((acc0 + acc1) + (acc2 + acc3));
        for (; i < n; i++) sum += Unsafe.Add(ref ra, i) * Unsafe.Add(ref rb, i);
        return sum;
    }

    /// <summary>y += a * x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddScaled(ReadOnlySpan<double> x, double a, Span<double> y)
    {
        int n = x.Length, width = Vector<double>.Count, vectorEnd = n - n % width;
        if (y.Length < n) throw new ArgumentException("Destination is shorter than the source.", nameof(y));
        ref double rx = ref MemoryMarshal.GetReference(x);
        ref double ry = ref MemoryMarshal.GetReference(y);
        var va = new Vector<double>(a);
        for (int i = 0; i < vectorEnd; i += width)
            (Vector.LoadUnsafe(ref ry, (nuint)i) + va * Vector.LoadUnsafe(ref rx, (nuint)i)).StoreUnsafe(ref ry, (nuint)i);
        for (int i = vectorEnd; i < n; i++) Unsafe.Add(ref ry, i) += a * Unsafe.Add(ref rx, i);
    }

    /// <summary>
    /// dest[t] = a . x_(first + t) where x is stored feature-major: x_j[f] = columns[f * stride + j]. Each dot product
    /// is summed feature by feature in order (libsvm's order), sixteen rows at a time across vector lanes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void DotAgainstColumns(ReadOnlySpan<double> a, ReadOnlySpan<double> columns, int stride, int first, Span<double> dest)
    {
        int d = a.Length, n = dest.Length, width = Vector<double>.Count, block = 4 * width;
        if (first < 0 || first + n > stride || (long)d * stride > columns.Length) throw new ArgumentException("Rows out of range of the feature-major matrix.");
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rc = ref MemoryMarshal.GetReference(columns);
        ref double rd = ref MemoryMarshal.GetReference(dest);
        int t = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            // The same per-lane sums, 32 rows a block (each lane's sum is sequential, so the width does not change it).
            for (; t + 32 <= n; t += 32)
            {
                Vector512<double> acc0 = Vector512<double>.Zero, acc1 = acc0, acc2 = acc0, acc3 = acc0;
                ref double column = ref Unsafe.Add(ref rc, first + t);
                for (int f = 0; f < d; f++)
                {
                    var va = Vector512.Create(Unsafe.Add(ref ra, f));
                    ref double c = ref Unsafe.Add(ref column, (nint)f * stride);
                    acc0 += va * Vector512.LoadUnsafe(ref c);
                    acc1 += va * Vector512.LoadUnsafe(ref c, 8);
                    acc2 += va * Vector512.LoadUnsafe(ref c, 16);
                    acc3 += va * Vector512.LoadUnsafe(ref c, 24);
                }
                acc0.StoreUnsafe(ref rd, (nuint)t);
                acc1.StoreUnsafe(ref rd, (nuint)(t + 8));
                acc2.StoreUnsafe(ref rd, (nuint)(t + 16));
                acc3.StoreUnsafe(ref rd, (nuint)(t + 24));
            }
        }
        for (; t + block <= n; t += block)
        {
            Vector<double> acc0 = Vector<double>.Zero, acc1 = acc0, acc2 = acc0, acc3 = acc0;
            ref double column = ref Unsafe.Add(ref rc, first + t);
            for (int f = 0; f < d; f++)
            {
                var va = new Vector<double>(Unsafe.Add(ref ra, f));
                ref double c = ref Unsafe.Add(ref column, (nint)f * stride);
                acc0 += va * Vector.LoadUnsafe(ref c);
                acc1 += va * Vector.LoadUnsafe(ref c, (nuint)width);
                acc2 += va * Vector.LoadUnsafe(ref c, (nuint)(2 * width));
                acc3 += va * Vector.LoadUnsafe(ref c, (nuint)(3 * width));
            }
            acc0.StoreUnsafe(ref rd, (nuint)t);
            acc1.StoreUnsafe(ref rd, (nuint)(t + width));
            acc2.StoreUnsafe(ref rd, (nuint)(t + 2 * width));
            acc3.StoreUnsafe(ref rd, (nuint)(t + 3 * width));
        }
        for (; t < n; t++)
        {
            double sum = 0;
            for (int f = 0; f < d; f++) sum += Unsafe.Add(ref ra, f) * Unsafe.Add(ref rc, (nint)f * stride + first + t);
            Unsafe.Add(ref rd, t) = sum;
        }
    }
}
