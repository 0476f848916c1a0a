using Scalearn.Metrics;

namespace Scalearn.Tests.Metrics;

public class TargetTypeTests
{
    [Fact]
    public void Type_of_target_matches_scikit_learn()
    {
        foreach (var c in Fixture.Load("Metrics", "metrics.json").GetProperty("types").EnumerateObject())
            Assert.True(c.Value.GetProperty("type").GetString() == TargetTypes.TypeOfTarget(c.Value.GetProperty("y").Numbers()).Name(), c.Name);
    }

    [Fact]
    public void Non_finite_values_in_a_continuous_target_are_refused()
    {
        Assert.Contains("NaN (row 1)", Assert.Throws<ArgumentException>(() => TargetTypes.TypeOfTarget([0.5, double.NaN])).Message);
        Assert.Contains("infinity (row 2)", Assert.Throws<ArgumentException>(() => TargetTypes.TypeOfTarget([1, 2, double.PositiveInfinity])).Message);
    }

    [Fact]
    public void Unique_labels_are_the_sorted_union()
    {
        Assert.Equal([-1.0, 0, 2, 5], TargetTypes.UniqueLabels([5, 0, 0], [2, -1, 5]));
    }
}
