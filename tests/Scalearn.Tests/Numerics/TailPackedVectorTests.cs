using Scalearn.Numerics;

namespace Scalearn.Tests.Numerics;

public class TailPackedVectorTests
{
    public static TheoryData<int> Lengths => [8, 9, 15, 16, 17, 23, 24, 50, 64, 70];

    private static double[] Values(Rng rng, int n) => Enumerable.Range(0, n).Select(_ => rng.NextGaussian()).ToArray();

    private static double NaiveDot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    [Fact]
    public void IsSupportedOnlyWithAvx512AndWholeVectors()
    {
        Assert.False(TailPackedVector.IsSupported(7));
        Assert.Equal(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated, TailPackedVector.IsSupported(8));
        if (!TailPackedVector.IsSupported(8)) Assert.Throws<ArgumentOutOfRangeException>(() => new TailPackedVector(8));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void KernelsMatchPlainArithmeticOnRowsInsideALargerArray(int n)
    {
        if (!TailPackedVector.IsSupported(n)) return;
        var rng = new Rng(n);
        var w = Values(rng, n);
        // Three rows back to back: the kernels must use exactly their own row, never a neighbour's values.
        var rows = Values(rng, 3 * n);
        var packed = new TailPackedVector(n);
        packed.CopyFrom(w);
        var copied = new double[n];
        packed.CopyTo(copied);
        Assert.Equal(w, copied);

        var x = rows.AsSpan(n, n);
        var pending = rows.AsSpan(2 * n, n).ToArray();
        Assert.Equal(NaiveDot(x, w), packed.Dot(x), 12);

        double a = -0.37;
        var updated = w.Select((v, j) => v + a * pending[j]).ToArray();
        Assert.Equal(NaiveDot(x, updated), packed.DotApplyingPending(x, pending, a), 12);
        packed.CopyTo(copied);
        for (int j = 0; j < n; j++) Assert.Equal(updated[j], copied[j], 12);

        packed.AddScaled(rows.AsSpan(0, n), 2.0);
        packed.Scale(0.5);
        packed.CopyTo(copied);
        for (int j = 0; j < n; j++) Assert.Equal(0.5 * (updated[j] + 2.0 * rows[j]), copied[j], 12);
    }

    [Fact]
    public void RowsOfAnotherLengthAreRejected()
    {
        if (!TailPackedVector.IsSupported(10)) return;
        var packed = new TailPackedVector(10);
        var error = Assert.Throws<ArgumentException>(() => packed.Dot(new double[9]));
        Assert.Contains("9 values", error.Message);
    }
}
