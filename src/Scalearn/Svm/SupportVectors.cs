using Scalearn.Numerics;
using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using Scalearn.Data;

namespace Scalearn.Svm;

/// <summary>The support vectors of a fitted model and its kernel: evaluates K(x, sv) for all support vectors at once.</summary>
internal sealed class SupportVectors
{
    private readonly double[] _squaredNorms;

    public SupportVectors(Matrix vectors, KernelFunction kernel)
    {
        Vectors = vectors;
        Kernel = kernel;
        _squaredNorms = new double[vectors.Rows];
        for (int s = 0; s < vectors.Rows; s++) _squaredNorms[s] = ShortVectors.Dot(vectors.Row(s), vectors.Row(s));
    }

    public Matrix Vectors { get; }
    public KernelFunction Kernel { get; }
    public int Count => Vectors.Rows;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void KernelValues(ReadOnlySpan<double> x, Span<double> dest)
    {
        for (int s = 0; s < Count; s++) dest[s] = ShortVectors.Dot(x, Vectors.Row(s));
        Kernel.Transform(dest[..Count], Kernel.NeedsSquaredNorms ? ShortVectors.Dot(x, x) : 0, _squaredNorms);
    }

    public void Write(BinaryWriter writer)
    {
        Kernel.Write(writer);
        writer.Write(Vectors.Rows);
        writer.Write(Vectors.Cols);
        foreach (double v in Vectors.Values) writer.Write(v);
    }

    public static SupportVectors Read(BinaryReader reader)
    {
        var kernel = KernelFunction.Read(reader);
        int rows = reader.ReadInt32(), cols = reader.ReadInt32();
        if (rows < 0 || cols < 0) throw new InvalidDataException("Negative support vector matrix shape.");
        var values = new double[checked(rows * cols)];
        for (int i = 0; i < values.Length; i++) values[i] = reader.ReadDouble();
        return new SupportVectors(new Matrix(values, rows, cols), kernel);
    }
}
