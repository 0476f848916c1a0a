using Scalearn.Numerics;
using Scalearn.Reporting.Analysis;

namespace Scalearn.Reporting.Tests.Analysis;

public sealed class FanovaTests
{
    private static (double[][] X, double[] Y) Sample(int n, Func<double[], double> f, int features = 3)
    {
        var rng = new Rng(7);
        var x = Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, features).Select(_ => rng.NextDouble()).ToArray()).ToArray();
        return (x, x.Select(f).ToArray());
    }

    private static readonly (double, double)[] Unit3 = [(0, 1), (0, 1), (0, 1)];

    [Fact]
    public void A_score_that_depends_on_one_parameter_gives_it_all_the_importance()
    {
        var (x, y) = Sample(300, r => Math.Sin(6 * r[0]));
        var fanova = Fanova.Fit(x, y, Unit3);
        Assert.True(fanova.Importances[0] > 0.95, string.Join(", ", fanova.Importances));
        Assert.True(fanova.VarianceShares[0] > 0.9);
        Assert.Equal(1.0, fanova.Importances.Sum(), 9);
    }

    [Fact]
    public void Two_equal_additive_effects_share_the_importance_and_a_weaker_one_ranks_below()
    {
        var (x, y) = Sample(600, r => r[0] + r[1] + 0.3 * r[2]);
        var imp = Fanova.Fit(x, y, Unit3).Importances;
        Assert.InRange(imp[0], 0.35, 0.55);
        Assert.InRange(imp[1], 0.35, 0.55);
        Assert.True(imp[2] < 0.15 && imp[2] > 0.01, string.Join(", ", imp));
    }

    [Fact]
    public void Same_seed_same_importances_and_a_constant_score_explains_nothing()
    {
        var (x, y) = Sample(100, r => r[0] * r[1]);
        Assert.Equal(Fanova.Fit(x, y, Unit3).Importances, Fanova.Fit(x, y, Unit3).Importances);
        var flat = Fanova.Fit(x, y.Select(_ => 0.5).ToArray(), Unit3);
        Assert.All(flat.Importances, v => Assert.Equal(0, v));
    }

    [Fact]
    public void The_two_parameter_marginal_follows_the_effect_and_averages_to_the_mean()
    {
        var (x, y) = Sample(400, r => 2 * r[0]);
        var fanova = Fanova.Fit(x, y, Unit3);
        var grid = Enumerable.Range(0, 10).Select(i => (i + 0.5) / 10).ToArray();
        var m = fanova.Marginal(0, grid, 1, grid);
        for (int a = 1; a < 10; a++) Assert.True(m[a, 5] > m[a - 1, 5] - 0.05, $"not increasing along x0 at {a}");
        for (int b = 1; b < 10; b++) Assert.InRange(m[5, b] - m[5, 0], -0.15, 0.15);
        Assert.InRange(m[9, 5] - m[0, 5], 1.4, 2.1);
    }

    [Fact]
    public void Bad_inputs_are_refused()
    {
        Assert.Contains("at least 2 scored trials", Assert.Throws<ArgumentException>(() => Fanova.Fit([[0.5, 0.5, 0.5]], [1], Unit3)).Message);
        Assert.Contains("positive width", Assert.Throws<ArgumentException>(() => Fanova.Fit([[0.0], [1.0]], [1, 2], [(1, 1)])).Message);
        Assert.Contains("2 rows of parameters for 3 scores", Assert.Throws<ArgumentException>(() => Fanova.Fit([[0.0], [1.0]], [1, 2, 3], [(0, 1)])).Message);
    }

    [Fact]
    public void Axes_pick_log_for_wide_positive_ranges_and_order_categories_naturally()
    {
        var c = ParamAxis.Of("C", new object?[] { 0.01, 1.0, 100.0 });
        Assert.Equal(ParamScale.Log, c.Scale);
        Assert.Equal((-2.0, 2.0), c.Bounds);
        Assert.Equal(ParamScale.Linear, ParamAxis.Of("n", new object?[] { 40L, 80L }).Scale);
        var depth = ParamAxis.Of("max_depth", new object?[] { 10L, null, 3L, "auto" });
        Assert.Equal(["None", "3", "10", "auto"], depth.Categories);
        Assert.Equal(0, depth.Encode(null));
        Assert.Equal(2, depth.Encode(10L));
        Assert.Equal((-0.5, 3.5), depth.Bounds);
        Assert.False(ParamAxis.Of("fixed", new object?[] { 1.0, 1.0 }).Varies);
    }
}
