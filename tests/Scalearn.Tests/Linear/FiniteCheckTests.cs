using Scalearn.Linear;

namespace Scalearn.Tests.Linear;

public class FiniteCheckTests
{
    [Fact]
    public void FindsANonFiniteValueAtEveryPositionOfEveryLength()
    {
        for (int n = 0; n <= 70; n++)
        {
            var values = Enumerable.Range(0, n).Select(i => i * 1e300 - 3.5).ToArray();
            Assert.True(FiniteCheck.AllFinite(values), $"length {n}");
            for (int i = 0; i < n; i++)
            {
                foreach (double bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
                {
                    double kept = values[i];
                    values[i] = bad;
                    Assert.False(FiniteCheck.AllFinite(values), $"length {n}, {bad} at {i}");
                    values[i] = kept;
                }
            }
        }
    }
}
