using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Scalearn.Svm;

/// <summary>
/// Dot product for the short rows of kernel computations. Called millions of times per fit, so it is compiled fully
/// optimized from the first call (no tiering) and avoids the setup cost of the general-purpose span routines.
/// </summary>
internal static class Dot
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Of(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
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
    public static void OfFour(ReadOnlySpan<double> a, ReadOnlySpan<double> fourRows, Span<double> dest)
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
}
