using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Scalearn.Linear;

/// <summary>
/// The loss and gradient of a binary logistic problem in one pass over the rows: four rows at a time, their margins
/// (X w) from one read of the rows and the gradient update (X^T r) while those rows are still in L1, the gradient
/// loaded and stored once per four rows. Vector512 throughout, so the rounding is the same on every machine (where
/// AVX-512 is missing the runtime computes the same lanes in software, only slower).
/// </summary>
internal static class BinaryLogisticPass
{
    private const int Block = 4;

    /// <summary>Adds the weighted log losses' gradient to <paramref name="coefGradient"/> and returns the loss sum.</summary>
    public static double Run(double[] x, int n, int p, int[] classIndex, int positiveClass, double[] sampleWeight,
        ReadOnlySpan<double> coef, double intercept, Span<double> coefGradient, out double interceptGradient)
    {
        if (coef.Length != p || coefGradient.Length != p || x.Length < (long)n * p)
            throw new ArgumentException("The coefficients, gradient and rows do not match the problem's shape.");
        ref double c = ref MemoryMarshal.GetReference(coef);
        ref double g = ref MemoryMarshal.GetReference(coefGradient);
        ref double x0 = ref MemoryMarshal.GetArrayDataReference(x);
        int vectorEnd = p - p % Vector512<double>.Count;
        double loss = 0, b = 0;
        int i = 0;
        for (; i + Block <= n; i += Block)
        {
            ref double r0 = ref Unsafe.Add(ref x0, (nint)i * p);
            ref double r1 = ref Unsafe.Add(ref r0, p);
            ref double r2 = ref Unsafe.Add(ref r1, p);
            ref double r3 = ref Unsafe.Add(ref r2, p);
            Vector512<double> a0 = default, a1 = default, a2 = default, a3 = default;
            int j = 0;
            for (; j < vectorEnd; j += Vector512<double>.Count)
            {
                var cv = Vector512.LoadUnsafe(ref c, (nuint)j);
                a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r0, (nuint)j), cv, a0);
                a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r1, (nuint)j), cv, a1);
                a2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r2, (nuint)j), cv, a2);
                a3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r3, (nuint)j), cv, a3);
            }
            double z0 = Vector512.Sum(a0), z1 = Vector512.Sum(a1), z2 = Vector512.Sum(a2), z3 = Vector512.Sum(a3);
            for (; j < p; j++)
            {
                double cj = Unsafe.Add(ref c, j);
                z0 = Math.FusedMultiplyAdd(Unsafe.Add(ref r0, j), cj, z0);
                z1 = Math.FusedMultiplyAdd(Unsafe.Add(ref r1, j), cj, z1);
                z2 = Math.FusedMultiplyAdd(Unsafe.Add(ref r2, j), cj, z2);
                z3 = Math.FusedMultiplyAdd(Unsafe.Add(ref r3, j), cj, z3);
            }
            double g0 = Residual(i, z0 + intercept, classIndex, positiveClass, sampleWeight, ref loss);
            double g1 = Residual(i + 1, z1 + intercept, classIndex, positiveClass, sampleWeight, ref loss);
            double g2 = Residual(i + 2, z2 + intercept, classIndex, positiveClass, sampleWeight, ref loss);
            double g3 = Residual(i + 3, z3 + intercept, classIndex, positiveClass, sampleWeight, ref loss);
            b += g0 + g1 + g2 + g3;
            var v0 = Vector512.Create(g0);
            var v1 = Vector512.Create(g1);
            var v2 = Vector512.Create(g2);
            var v3 = Vector512.Create(g3);
            for (j = 0; j < vectorEnd; j += Vector512<double>.Count)
            {
                var acc = Vector512.LoadUnsafe(ref g, (nuint)j);
                acc = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r0, (nuint)j), v0, acc);
                acc = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r1, (nuint)j), v1, acc);
                acc = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r2, (nuint)j), v2, acc);
                acc = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r3, (nuint)j), v3, acc);
                acc.StoreUnsafe(ref g, (nuint)j);
            }
            for (; j < p; j++)
            {
                ref double gj = ref Unsafe.Add(ref g, j);
                gj = Math.FusedMultiplyAdd(Unsafe.Add(ref r3, j), g3, Math.FusedMultiplyAdd(Unsafe.Add(ref r2, j), g2,
                    Math.FusedMultiplyAdd(Unsafe.Add(ref r1, j), g1, Math.FusedMultiplyAdd(Unsafe.Add(ref r0, j), g0, gj))));
            }
        }
        for (; i < n; i++)
        {
            ref double r = ref Unsafe.Add(ref x0, (nint)i * p);
            Vector512<double> a = default;
            int j = 0;
            for (; j < vectorEnd; j += Vector512<double>.Count)
                a = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)j), Vector512.LoadUnsafe(ref c, (nuint)j), a);
            double z = Vector512.Sum(a);
            for (; j < p; j++) z = Math.FusedMultiplyAdd(Unsafe.Add(ref r, j), Unsafe.Add(ref c, j), z);
            double residual = Residual(i, z + intercept, classIndex, positiveClass, sampleWeight, ref loss);
            b += residual;
            var v = Vector512.Create(residual);
            for (j = 0; j < vectorEnd; j += Vector512<double>.Count)
                Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)j), v, Vector512.LoadUnsafe(ref g, (nuint)j)).StoreUnsafe(ref g, (nuint)j);
            for (; j < p; j++) Unsafe.Add(ref g, j) = Math.FusedMultiplyAdd(Unsafe.Add(ref r, j), residual, Unsafe.Add(ref g, j));
        }
        interceptGradient = b;
        return loss;
    }

    /// <summary>d loss_i / d z_i = -s y sigmoid(-y z), adding s log(1 + exp(-y z)) to the loss; one exp and one log per row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Residual(int i, double z, int[] classIndex, int positiveClass, double[] sampleWeight, ref double loss)
    {
        double s = sampleWeight[i];
        if (s == 0) return 0;
        double y = classIndex[i] == positiveClass ? 1.0 : -1.0;
        double t = -y * z;
        double e = Math.Exp(-Math.Abs(t));
        loss += s * (Math.Max(t, 0) + Math.Log(1 + e));
        double sigmoid = t >= 0 ? 1 / (1 + e) : e / (1 + e);
        return -s * y * sigmoid;
    }
}
