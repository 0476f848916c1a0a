using Scalearn.Linear;
using Scalearn.Numerics;

namespace Scalearn.Tests.Linear;

/// <summary>The blocked binary loss/gradient pass against the textbook per-row sums, on shapes with remainders.</summary>
public class BinaryLogisticPassTests
{
    [Theory]
    [InlineData(1, 3)]
    [InlineData(7, 8)]
    [InlineData(13, 50)]
    [InlineData(64, 17)]
    public void MatchesThePerRowSums(int n, int p)
    {
        var rng = new Rng(n * 100 + p);
        var x = new double[n * p];
        for (int i = 0; i < x.Length; i++) x[i] = rng.NextDouble() * 4 - 2;
        var classIndex = new int[n];
        var weights = new double[n];
        for (int i = 0; i < n; i++)
        {
            classIndex[i] = rng.NextInt(3);
            weights[i] = i % 5 == 3 ? 0 : 0.5 + rng.NextDouble();
        }
        var coef = new double[p];
        for (int j = 0; j < p; j++) coef[j] = rng.NextDouble() * 6 - 3;   // large margins: both branches of the loss
        double intercept = 0.7;

        var gradient = new double[p];
        double loss = BinaryLogisticPass.Run(x, n, p, classIndex, 2, weights, coef, intercept, gradient, out double interceptGradient);

        double expectedLoss = 0, expectedIntercept = 0;
        var expected = new double[p];
        for (int i = 0; i < n; i++)
        {
            double z = intercept;
            for (int j = 0; j < p; j++) z += x[i * p + j] * coef[j];
            double y = classIndex[i] == 2 ? 1 : -1;
            expectedLoss += weights[i] * Math.Log(1 + Math.Exp(-y * z));
            double r = -weights[i] * y / (1 + Math.Exp(y * z));
            expectedIntercept += r;
            for (int j = 0; j < p; j++) expected[j] += r * x[i * p + j];
        }
        Assert.Equal(expectedLoss, loss, 1e-9 * Math.Max(1, Math.Abs(expectedLoss)));
        Assert.Equal(expectedIntercept, interceptGradient, 1e-9 * n);
        for (int j = 0; j < p; j++) Assert.Equal(expected[j], gradient[j], 1e-9 * n);
    }

    [Fact]
    public void RejectsMismatchedShapes()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            BinaryLogisticPass.Run(new double[6], 2, 3, [0, 1], 1, [1, 1], new double[2], 0, new double[3], out _));
        Assert.Contains("shape", e.Message);
    }
}
