using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Scalearn.Linear;

/// <summary>
/// A fast all-finite test for the streaming path (TensorPrimitives.IsFiniteAll is not vectorized for double):
/// v * 0 is 0 for finite v and NaN for NaN or infinity, so the sum stays 0 exactly when every value is finite.
/// Four independent accumulators keep the loop at load speed.
/// </summary>
internal static class FiniteCheck
{
    public static bool AllFinite(ReadOnlySpan<double> values)
    {
        ref double start = ref MemoryMarshal.GetReference(values);
        int n = values.Length, i = 0;
        double sum = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<double> a0 = Vector512<double>.Zero, a1 = a0, a2 = a0, a3 = a0;
            for (; i <= n - 32; i += 32)
            {
                a0 += Vector512.LoadUnsafe(ref start, (nuint)i) * Vector512<double>.Zero;
                a1 += Vector512.LoadUnsafe(ref start, (nuint)(i + 8)) * Vector512<double>.Zero;
                a2 += Vector512.LoadUnsafe(ref start, (nuint)(i + 16)) * Vector512<double>.Zero;
                a3 += Vector512.LoadUnsafe(ref start, (nuint)(i + 24)) * Vector512<double>.Zero;
            }
            sum = Vector512.Sum((a0 + a1) + (a2 + a3));
        }
        else if (Vector.IsHardwareAccelerated)
        {
            int width = Vector<double>.Count;
            Vector<double> a0 = Vector<double>.Zero, a1 = a0, a2 = a0, a3 = a0;
            for (; i <= n - 4 * width; i += 4 * width)
            {
                a0 += Vector.LoadUnsafe(ref start, (nuint)i) * Vector<double>.Zero;
                a1 += Vector.LoadUnsafe(ref start, (nuint)(i + width)) * Vector<double>.Zero;
                a2 += Vector.LoadUnsafe(ref start, (nuint)(i + 2 * width)) * Vector<double>.Zero;
                a3 += Vector.LoadUnsafe(ref start, (nuint)(i + 3 * width)) * Vector<double>.Zero;
            }
            sum = Vector.Sum((a0 + a1) + (a2 + a3));
        }
        for (; i < n; i++) sum += values[i] * 0.0;
        return sum == 0;
    }
}
