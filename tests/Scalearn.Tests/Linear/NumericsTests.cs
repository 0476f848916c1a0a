using Scalearn.Numerics;

namespace Scalearn.Tests.Linear;

public class NumericsTests
{
    [Fact]
    public void LbfgsFindsTheRosenbrockMinimum()
    {
        static double Rosenbrock(ReadOnlySpan<double> x, Span<double> g)
        {
            double a = 1 - x[0], b = x[1] - x[0] * x[0];
            g[0] = -2 * a - 400 * x[0] * b;
            g[1] = 200 * b;
            return a * a + 100 * b * b;
        }
        var result = Lbfgs.Minimize(Rosenbrock, [-1.2, 1.0], new LbfgsOptions { MaxIterations = 500, GradientTolerance = 1e-10 });
        Assert.Equal(1.0, result.X[0], 6);
        Assert.Equal(1.0, result.X[1], 6);
    }

    [Fact]
    public void CholeskySolvesAPositiveDefiniteSystemAndRejectsASingularOne()
    {
        double[] a = [4, 2, 2, 3];
        Assert.True(Cholesky.TryFactor(a, 2));
        double[] b = [2, 1];
        Cholesky.Solve(a, 2, b);
        Assert.Equal(0.5, b[0], 12);
        Assert.Equal(0.0, b[1], 12);
        Assert.False(Cholesky.TryFactor(new double[] { 1, 2, 2, 4 }, 2));
    }

    [Fact]
    public void JacobiReconstructsTheMatrix()
    {
        double[] a = [2, 1, 0, 1, 3, 1, 0, 1, 4];
        var (values, v) = SymmetricEigen.Decompose(a, 3);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
            {
                double sum = 0;
                for (int k = 0; k < 3; k++) sum += v[i * 3 + k] * values[k] * v[j * 3 + k];
                Assert.Equal(a[i * 3 + j], sum, 10);
            }
    }
}
