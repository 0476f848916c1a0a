using Scalearn.Jobs;
using Scalearn.Metrics;

namespace Scalearn.Tests.Jobs;

public sealed class StreamedScoreTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(1e9)]   // a large mean: sums of y and y^2 would cancel catastrophically
    public void R2_over_chunks_equals_the_whole_batch_r2(double offset)
    {
        var rng = new Random(3);
        var y = Enumerable.Range(0, 1000).Select(_ => offset + rng.NextDouble()).ToArray();
        var predicted = y.Select(v => v + 0.1 * (rng.NextDouble() - 0.5)).ToArray();
        var score = new StreamedScore(classifier: false);
        foreach (var (start, length) in new[] { (0, 1), (1, 333), (334, 666) })
            score.Add(y.AsSpan(start, length), predicted.AsSpan(start, length));

        Assert.Equal(RegressionMetrics.R2(y, predicted), score.Value, 1e-7);   // y itself holds ~1e-7 absolute precision at 1e9
    }

    [Fact]
    public void R2_of_fewer_than_two_rows_is_nan_as_in_scikit_learn()
    {
        var score = new StreamedScore(classifier: false);
        Assert.True(double.IsNaN(score.Value));
        score.Add([2.0], [2.0]);
        Assert.True(double.IsNaN(score.Value));
        score.Add([4.0], [4.0]);
        Assert.Equal(1.0, score.Value);
    }
}
