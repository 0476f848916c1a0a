using Scalearn.ModelSelection;
using Scalearn.ModelSelection.Tuning.Tpe;

namespace Scalearn.Tests.ModelSelection;

/// <summary>The numerics under the TPE tuner against Python's math, Optuna 3.1's _truncnorm and numpy 1.24.</summary>
public class TpeNumericsTests
{
    private static readonly System.Text.Json.JsonElement Numerics = Fixture.Load("ModelSelection", "numerics.json");

    private static void Close(double expected, double actual, double relative, string what, double absolute = 0)
    {
        if (double.IsInfinity(expected)) Assert.True(expected == actual, $"{what}: expected {expected:R}, got {actual:R}");
        else Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected) + absolute, $"{what}: expected {expected:R}, got {actual:R}");
    }

    [Fact]
    public void ErfAndErfcMatchPythonToAFewUlps()
    {
        foreach (var row in Numerics.GetProperty("special").GetProperty("erf").EnumerateArray())
        {
            var v = row.Numbers();
            Close(v[1], ErrorFunction.Erf(v[0]), 5e-16, $"erf({v[0]:R})", 1e-300);
            Close(v[2], ErrorFunction.Erfc(v[0]), 1.2e-15, $"erfc({v[0]:R})", 1e-300);
        }
    }

    [Fact]
    public void TruncatedNormalMatchesOptuna()
    {
        var special = Numerics.GetProperty("special");
        foreach (var row in special.GetProperty("log_ndtr").EnumerateArray())
        {
            var v = row.Numbers();
            Close(v[1], NormalTail.LogNdtr(v[0]), 1e-14, $"log_ndtr({v[0]:R})");
        }
        foreach (var row in special.GetProperty("log_gauss_mass").EnumerateArray())
        {
            var v = row.Numbers();
            Close(v[2], TruncatedNormal.LogGaussMass(v[0], v[1]), 1e-12, $"log_gauss_mass({v[0]:R}, {v[1]:R})");
        }
        foreach (var row in special.GetProperty("ppf").EnumerateArray())
        {
            var v = row.Numbers();
            Close(v[3], TruncatedNormal.Ppf(v[0], v[1], v[2]), 1e-12, $"ppf({v[0]:R}, {v[1]:R}, {v[2]:R})", 1e-15);
        }
    }

    [Fact]
    public void PpfStaysInsideItsTruncation()
    {
        foreach (var (a, b) in new[] { (-1.0, 1.0), (-8.0, -7.5), (7.5, 8.0), (-0.5, 40.0) })
            for (double q = 0; q < 1; q += 0.0625)
                Assert.InRange(TruncatedNormal.Ppf(q, a, b), a, b);
        Assert.True(double.IsNaN(TruncatedNormal.Ppf(0.5, 1, 1)));
    }

    [Fact]
    public void ArgsortBreaksTiesAsNumpyDoes()
    {
        foreach (var row in Numerics.GetProperty("argsort").EnumerateArray())
        {
            var values = row.GetProperty("values").Numbers();
            Assert.Equal(row.GetProperty("order").Ints(), NumpyArgsort.Of(values));
        }
    }

    [Fact]
    public void MersenneTwisterReplaysNumpy()
    {
        foreach (var seed in Numerics.GetProperty("special").GetProperty("random_sample").EnumerateObject())
        {
            var mt = new Mt19937(uint.Parse(seed.Name));
            foreach (double expected in seed.Value.Numbers()) Assert.Equal(expected, mt.NextDouble());
        }
    }

    [Fact]
    public void GammaIsATenthRoundedUpAtMostTwentyFive()
    {
        Assert.Equal(0, TpeTuner.Gamma(0));
        Assert.Equal(1, TpeTuner.Gamma(10));
        Assert.Equal(2, TpeTuner.Gamma(11));
        Assert.Equal(3, TpeTuner.Gamma(30));
        Assert.Equal(24, TpeTuner.Gamma(240));
        Assert.Equal(25, TpeTuner.Gamma(241));
        Assert.Equal(25, TpeTuner.Gamma(1000));
    }

    [Fact]
    public void WeightsRampOldObservationsBeyondTwentyFive()
    {
        var w = ParzenEstimator.Weights(3, 1.0);
        Assert.Equal([0.25, 0.25, 0.25, 0.25], w);
        var many = ParzenEstimator.Weights(30, 1.0);
        // 5 ramped (1/30 ... 1), 25 flat, then the prior; normalised.
        double total = (1.0 / 30 + 1) / 2 * 5 + 25 + 1;
        Assert.Equal(1.0 / 30 / total, many[0], 15);
        Assert.Equal(1.0 / total, many[4], 15);
        Assert.Equal(1.0 / total, many[30], 15);
        Assert.Equal(1.0, many.Sum(), 12);
    }
}
