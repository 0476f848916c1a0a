using Scalearn.ModelSelection;
using Scalearn.ModelSelection.Tuning;

namespace Scalearn.Tests.ModelSelection;

public class SearchSpaceTests
{
    private const string Svc = """
        {"svc__C": {"loguniform": [0.001, 1000]},
         "degree": {"randint": [2, 6], "when": {"kernel": "poly"}},
         "kernel": ["rbf", "poly", "sigmoid"],
         "coef0": {"uniform": [0, 1], "when": {"kernel": ["poly", "sigmoid"]}},
         "shrinking": {"choice": [true, false], "when": {"degree": [2, 3], "kernel": "poly"}},
         "max_iter": {"lograndint": [10, 10000]},
         "class_weight": [null, "balanced"]}
        """;

    [Fact]
    public void ParsesEveryDistributionAndPutsParentsFirst()
    {
        var space = SearchSpace.Parse(Svc);
        Assert.Equal(["svc__C", "kernel", "degree", "coef0", "shrinking", "max_iter", "class_weight"], space.Parameters.Select(p => p.Name));
        Assert.Equal(new FloatDistribution(0.001, 1000, log: true), space.Parameters[0].Distribution);
        Assert.Equal(new IntDistribution(2, 5), space.Parameters[2].Distribution);
        Assert.Equal(new IntDistribution(10, 9999, log: true), space.Parameters[5].Distribution);
        var weights = Assert.IsType<CategoricalDistribution>(space.Parameters[6].Distribution);
        Assert.Equal([null, "balanced"], weights.Choices);
        Assert.Equal(["poly", "sigmoid"], space.Parameters[3].When.Single().Values);
        Assert.Equal(2, space.Parameters[4].When.Count);
        Assert.False(space.Parameters[1].Conditional);
    }

    [Fact]
    public void ConditionalParametersAppearExactlyWhenTheirConditionsHold()
    {
        var space = SearchSpace.Parse(Svc);
        var tuner = new RandomTuner(space, seed: 5);
        int poly = 0, shrinking = 0;
        for (int t = 0; t < 400; t++)
        {
            var c = tuner.Propose(t)!;
            space.Check(c);
            Assert.Equal(c["kernel"] is "poly", c.ContainsKey("degree"));
            Assert.Equal(c["kernel"] is "poly" or "sigmoid", c.ContainsKey("coef0"));
            Assert.Equal(c["kernel"] is "poly" && c["degree"] is 2L or 3L, c.ContainsKey("shrinking"));
            poly += c["kernel"] is "poly" ? 1 : 0;
            shrinking += c.ContainsKey("shrinking") ? 1 : 0;
        }
        Assert.InRange(poly, 100, 170);
        Assert.InRange(shrinking, 40, 100);
    }

    [Fact]
    public void CheckRejectsCandidatesThatBreakTheSpace()
    {
        var space = SearchSpace.Parse(Svc);
        var good = new Dictionary<string, object?> { ["svc__C"] = 1.0, ["kernel"] = "rbf", ["max_iter"] = 100L, ["class_weight"] = null };
        space.Check(good);
        Assert.Contains("needs kernel", Assert.Throws<ArgumentException>(() => space.Check(new Dictionary<string, object?>(good) { ["degree"] = 3L })).Message);
        Assert.Contains("'coef0' is missing", Assert.Throws<ArgumentException>(() => space.Check(new Dictionary<string, object?>(good) { ["kernel"] = "sigmoid" })).Message);
        Assert.Contains("outside", Assert.Throws<ArgumentException>(() => space.Check(new Dictionary<string, object?>(good) { ["svc__C"] = 1e6 })).Message);
        Assert.Contains("not in the search space", Assert.Throws<ArgumentException>(() => space.Check(new Dictionary<string, object?>(good) { ["gamma"] = 1.0 })).Message);
    }

    [Theory]
    [InlineData("""{"degree": {"randint": [2, 5], "when": {"kernal": "poly"}}, "kernel": ["poly"]}""", "'kernal', which is not in the space")]
    [InlineData("""{"degree": {"randint": [2, 5], "when": {"kernel": "lin"}}, "kernel": ["poly"]}""", "kernel='lin' can never hold")]
    [InlineData("""{"a": {"randint": [2, 5], "when": {"c": 0.5}}, "c": {"uniform": [0, 1]}}""", "real-valued range")]
    [InlineData("""{"a": {"choice": [1, 2], "when": {"b": 1}}, "b": {"choice": [1, 2], "when": {"a": 1}}}""", "cycle")]
    [InlineData("""{"a": {"randint": [2, 5], "uniform": [0, 1], "when": {"b": 1}}, "b": [1]}""", "exactly one distribution")]
    [InlineData("""{"a": {"randint": [2, 5], "when": []}}""", "\"when\" must be an object")]
    [InlineData("""{"a": {"lograndint": [0, 5]}}""", "1 <= low < high")]
    [InlineData("""{"a": {"loguniform": [-1, 5]}}""", "0 < low")]
    [InlineData("""{"a": {"beta": [1, 5]}}""", "unknown distribution 'beta'")]
    [InlineData("""{"a": ["x", "x"]}""", "listed twice")]
    [InlineData("""{}""", "at least one parameter")]
    [InlineData("""[1, 2]""", "JSON object")]
    [InlineData("""{"a": [1, 2""", "not valid JSON")]
    public void ParseErrorsNameTheParameterAndWhatIsAllowed(string json, string expected)
    {
        var e = Record.Exception(() => SearchSpace.Parse(json));
        Assert.True(e is FormatException or ArgumentException, $"got {e?.GetType().Name ?? "no exception"}");
        Assert.Contains(expected, e!.Message);
    }

    [Fact]
    public void ParseErrorsAreFormatExceptions()
    {
        var e = Assert.Throws<FormatException>(() => SearchSpace.Parse("""{"a": {"randint": [2, 5], "when": {"b": 1}}}"""));
        Assert.Contains("'a'", e.Message);
    }

    [Fact]
    public void FromRandomizedSearchDistributionsKeepsTheirMeaning()
    {
        var space = SearchSpace.From(ParamDistributions.Parse("""{"n": {"randint": [10, 20]}, "a": {"uniform": [0, 2]}, "k": ["x", "y"]}"""));
        Assert.Equal(["a", "k", "n"], space.Parameters.Select(p => p.Name));
        Assert.Equal(new IntDistribution(10, 19), space.Parameters[2].Distribution);
    }

    [Fact]
    public void UniformSamplingCoversIntegerEndsAndLogScales()
    {
        var rng = new Scalearn.Numerics.Rng(3);
        var ints = Enumerable.Range(0, 4000).Select(_ => (long)new IntDistribution(1, 4).SampleUniform(rng.NextDouble)!).ToArray();
        foreach (long v in new long[] { 1, 2, 3, 4 }) Assert.InRange(ints.Count(x => x == v), 850, 1150);
        var logs = Enumerable.Range(0, 4000).Select(_ => (double)new FloatDistribution(1e-4, 1, log: true).SampleUniform(rng.NextDouble)!).ToArray();
        Assert.All(logs, x => Assert.InRange(x, 1e-4, 1));
        Assert.InRange(logs.Count(x => x < 1e-2), 1800, 2200);
        var logInts = Enumerable.Range(0, 4000).Select(_ => (long)new IntDistribution(1, 1000, log: true).SampleUniform(rng.NextDouble)!).ToArray();
        Assert.InRange(logInts.Count(x => x <= 31), 1800, 2200);
        Assert.Equal(0.5, new FloatDistribution(0.5, 0.5).SampleUniform(rng.NextDouble));
    }

    [Fact]
    public void RandomizedSearchReadsTheNewForms()
    {
        var d = ParamDistributions.Parse("""{"n": {"lograndint": [1, 100]}, "k": {"choice": ["a", "b"]}}""");
        var sample = d.Sample(400, seed: 2);
        Assert.All(sample, c => Assert.InRange((long)c["n"]!, 1, 99));
        Assert.InRange(sample.Count(c => (long)c["n"]! <= 10), 150, 250);
        Assert.Equal(["a", "b"], sample.Select(c => (string)c["k"]!).Distinct().Order());
    }

    [Fact]
    public void RawValuesCompareAsPythonDoes()
    {
        var d = new CategoricalDistribution([1L, "a", null, true, new object?[] { 10L, 20L }]);
        Assert.Equal(0, d.IndexOf(1.0));
        Assert.Equal(2, d.IndexOf(null));
        Assert.Equal(3, d.IndexOf(true));
        Assert.Equal(-1, d.IndexOf(1.5));
        Assert.Equal(4, d.IndexOf(new object?[] { 10L, 20.0 }));
        Assert.False(d.Contains("A"));
    }
}
