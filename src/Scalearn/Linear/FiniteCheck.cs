using System.Numerics;

namespace Scalearn.Linear;

/// <summary>
/// A fast all-finite test for the streaming path (TensorPrimitives.IsFiniteAll is not vectorized for double):
/// v * 0 is 0 for finite v and NaN for NaN or infinity, so the sum stays 0 exactly when every value is finite.
/// </summary>
internal static class FiniteCheck
{
    public static bool AllFinite(ReadOnlySpan<double> values)
    {
        Vector<double> a0 = Vector<double>.Zero, a1 = a0, a2 = a0, a3 = a0;
        int width = Vector<double>.Count, i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= values.Length - 4 * width; i += 4 * width)
            {
                a0 += new Vector<double>(values.Slice(i, width)) * Vector<double>.Zero;
                a1 += new Vector<double>(values.Slice(i + width, width)) * Vector<double>.Zero;
                a2 += new Vector<double>(values.Slice(i + 2 * width, width)) * Vector<double>.Zero;
                a3 += new Vector<double>(values.Slice(i + 3 * width, width)) * Vector<double>.Zero;
            }
        }
        double scalar = Vector.Sum(a0 + a1 + a2 + a3);
        for (; i < values.Length; i++) scalar += values[i] * 0.0;
        return scalar == 0;
    }
}
