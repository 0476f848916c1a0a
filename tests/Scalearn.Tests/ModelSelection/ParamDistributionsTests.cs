using Scalearn.ModelSelection;

namespace Scalearn.Tests.ModelSelection;

public class ParamDistributionsTests
{
    [Fact]
    public void SamplesStayInTheirRangesAndAreDeterministic()
    {
        var d = ParamDistributions.Parse("""{"a":{"uniform":[2,3]},"b":{"loguniform":[1e-4,1e-1]},"c":{"randint":[5,8]},"d":["x","y"]}""");
        var sample = d.Sample(200, seed: 7);
        Assert.Equal(200, sample.Count);
        Assert.All(sample, c =>
        {
            Assert.InRange((double)c["a"]!, 2, 3);
            Assert.InRange((double)c["b"]!, 1e-4, 1e-1);
            Assert.InRange((long)c["c"]!, 5, 7);
            Assert.Contains((string)c["d"]!, new[] { "x", "y" });
        });
        Assert.Equal([5L, 6L, 7L], sample.Select(c => (long)c["c"]!).Distinct().Order().ToArray());
        // loguniform: about half the draws below the geometric midpoint 10^-2.5
        Assert.InRange(sample.Count(c => (double)c["b"]! < Math.Pow(10, -2.5)), 70, 130);
        Assert.Equal(Flatten(sample), Flatten(d.Sample(200, 7)));
        Assert.NotEqual(Flatten(sample), Flatten(d.Sample(200, 8)));
    }

    [Fact]
    public void AllListsSampleWithoutReplacementUpToTheGridSize()
    {
        var d = ParamDistributions.Parse("""{"a":[1,2],"b":["x","y"]}""");
        var sample = d.Sample(10, seed: 0);
        Assert.Equal(4, sample.Count);
        Assert.Equal(4, sample.Select(c => $"{c["a"]}{c["b"]}").Distinct().Count());
        var three = d.Sample(3, seed: 1);
        Assert.Equal(3, three.Select(c => $"{c["a"]}{c["b"]}").Distinct().Count());
    }

    [Fact]
    public void ParseErrorsNameTheKeyAndTheExpectedForm()
    {
        var e = Assert.Throws<FormatException>(() => ParamDistributions.Parse("""{"alpha": 3}"""));
        Assert.Contains("alpha", e.Message);
        Assert.Contains("loguniform", e.Message);
        Assert.Contains("alpha", Assert.Throws<FormatException>(() => ParamDistributions.Parse("""{"alpha": {"uniform": [1]}}""")).Message);
        Assert.Contains("gamma", Assert.Throws<FormatException>(() => ParamDistributions.Parse("""{"alpha": {"gamma": [1, 2]}}""")).Message);
        Assert.Contains("0 < low", Assert.Throws<FormatException>(() => ParamDistributions.Parse("""{"c": {"loguniform": [0, 1]}}""")).Message);
        Assert.Contains("integer", Assert.Throws<FormatException>(() => ParamDistributions.Parse("""{"c": {"randint": [0.5, 1]}}""")).Message);
    }

    private static string Flatten(IReadOnlyList<IReadOnlyDictionary<string, object?>> sample) =>
        string.Join(";", sample.Select(c => string.Join(",", c.Select(kv => $"{kv.Key}={kv.Value}"))));
}
