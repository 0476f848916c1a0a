using Scalearn.Numerics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Numerics.Tensors;

namespace Scalearn.Svm;

/// <summary>
/// A resolved kernel: K(a, b) from the dot product a.b (and, for rbf, the squared norms), applied to whole rows of dot
/// products at once so that the exp/tanh and arithmetic run vectorized.
/// </summary>
internal readonly record struct KernelFunction(SvmKernel Kind, int Degree, double Gamma, double Coef0)
{
    public bool NeedsSquaredNorms => Kind == SvmKernel.Rbf;

    public double Evaluate(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (Kind == SvmKernel.Rbf)
        {
            double sq = 0;
            for (int i = 0; i < a.Length; i++) sq += (a[i] - b[i]) * (a[i] - b[i]);
            return Math.Exp(-Gamma * sq);
        }
        double dot = ShortVectors.Dot(a, b);
        return Kind switch
        {
            SvmKernel.Linear => dot,
            SvmKernel.Poly => PowInt(Gamma * dot + Coef0, Degree),
            SvmKernel.Sigmoid => Math.Tanh(Gamma * dot + Coef0),
            _ => throw new InvalidOperationException($"Unknown kernel {Kind}."),
        };
    }

    /// <summary>Turns dot products x_r . x_t into K(x_r, x_t) in place; <paramref name="otherSquaredNorms"/> is |x_t|^2 (rbf only).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Transform(Span<double> dots, double rowSquaredNorm, ReadOnlySpan<double> otherSquaredNorms)
    {
        switch (Kind)
        {
            case SvmKernel.Linear:
                return;
            case SvmKernel.Rbf:
                RbfExponents(dots, rowSquaredNorm, otherSquaredNorms);
                TensorPrimitives.Exp(dots, dots);
                return;
            case SvmKernel.Poly:
                TensorPrimitives.Multiply(dots, Gamma, dots);
                TensorPrimitives.Add(dots, Coef0, dots);
                for (int i = 0; i < dots.Length; i++) dots[i] = PowInt(dots[i], Degree);
                return;
            case SvmKernel.Sigmoid:
                TensorPrimitives.Multiply(dots, Gamma, dots);
                TensorPrimitives.Add(dots, Coef0, dots);
                TensorPrimitives.Tanh(dots, dots);
                return;
            default:
                throw new InvalidOperationException($"Unknown kernel {Kind}.");
        }
    }

    /// <summary>dots[t] = -gamma * ((|r|^2 + |t|^2) - 2 r.t) in one pass (libsvm's order of operations).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RbfExponents(Span<double> dots, double rowSquaredNorm, ReadOnlySpan<double> otherSquaredNorms)
    {
        int n = dots.Length, width = Vector<double>.Count, vectorEnd = n - n % width;
        if (otherSquaredNorms.Length < n) throw new ArgumentException("Fewer squared norms than dot products.", nameof(otherSquaredNorms));
        ref double rd = ref MemoryMarshal.GetReference(dots);
        ref double rn = ref MemoryMarshal.GetReference(otherSquaredNorms);
        var row = new Vector<double>(rowSquaredNorm);
        var two = new Vector<double>(2.0);
        var minusGamma = new Vector<double>(-Gamma);
        for (int t = 0; t < vectorEnd; t += width)
            (minusGamma * (row + Vector.LoadUnsafe(ref rn, (nuint)t) - two * Vector.LoadUnsafe(ref rd, (nuint)t))).StoreUnsafe(ref rd, (nuint)t);
        for (int t = vectorEnd; t < n; t++) Unsafe.Add(ref rd, t) = -Gamma * (rowSquaredNorm + Unsafe.Add(ref rn, t) - 2 * Unsafe.Add(ref rd, t));
    }

    /// <summary>libsvm's powi: exact repeated squaring, defined for negative bases.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double PowInt(double value, int degree)
    {
        double result = 1, power = value;
        for (int d = degree; d > 0; d /= 2)
        {
            if ((d & 1) != 0) result *= power;
            power *= power;
        }
        return result;
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write((int)Kind);
        writer.Write(Degree);
        writer.Write(Gamma);
        writer.Write(Coef0);
    }

    public static KernelFunction Read(BinaryReader reader)
    {
        var kind = (SvmKernel)reader.ReadInt32();
        if (!Enum.IsDefined(kind)) throw new InvalidDataException($"Unknown SVM kernel code {(int)kind}.");
        return new KernelFunction(kind, reader.ReadInt32(), reader.ReadDouble(), reader.ReadDouble());
    }
}
