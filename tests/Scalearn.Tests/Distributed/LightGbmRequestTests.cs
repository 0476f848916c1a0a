using Scalearn.Distributed.LightGbm;

namespace Scalearn.Tests.Distributed;

/// <summary>A LightGBM training request read from the wire: starting scores that do not fit the training are refused.</summary>
public class LightGbmRequestTests
{
    private static TrainRequest Request(double[]? classes, double[]? start) =>
        new(Guid.NewGuid(), ["127.0.0.1", "127.0.0.1"], [40001, 40002], [1, 2, 3], "objective=regression ", 1, 10, false, classes, start, 60_000);

    [Fact]
    public void Starting_scores_round_trip()
    {
        var read = TrainKind.Instance.DecodeRequest(TrainKind.Instance.EncodeRequest(Request([0, 1, 2], [-1.1, -0.9, -1.3])));
        Assert.Equal([-1.1, -0.9, -1.3], read.StartScores!);
        Assert.Null(TrainKind.Instance.DecodeRequest(TrainKind.Instance.EncodeRequest(Request(null, null))).StartScores);
    }

    [Theory]
    [InlineData(null, new[] { 0.5, 0.5 })]          // regression: one score per iteration
    [InlineData(new[] { 0.0, 1.0, 2.0 }, new[] { 0.1 })]   // three classes: three scores
    [InlineData(null, new[] { double.NaN })]
    [InlineData(null, new[] { double.PositiveInfinity })]
    public void Starting_scores_that_do_not_fit_are_refused(double[]? classes, double[] start)
    {
        var bytes = TrainKind.Instance.EncodeRequest(Request(classes, start));
        var e = Assert.Throws<InvalidDataException>(() => TrainKind.Instance.DecodeRequest(bytes));
        Assert.Contains("Starting scores", e.Message);
    }
}
