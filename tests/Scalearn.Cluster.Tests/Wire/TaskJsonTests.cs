using Scalearn.Cluster.Wire;
using Scalearn.Estimators;
using Scalearn.Execution;

namespace Scalearn.Cluster.Tests.Wire;

public sealed class TaskJsonTests
{
    [Fact]
    public void ResultsRoundTripBitIdenticalIncludingNaN()
    {
        var result = new FitResult(3, 1, [0.1 + 0.2, double.NaN, 1e-310], [double.NegativeInfinity, 2.0 / 3], 0.123456789012345, 1e-9, null);
        var back = ResultJson.Read(ResultJson.Write(result));
        Assert.Equal(result.TestScores.Select(BitConverter.DoubleToInt64Bits), back.TestScores.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(result.TrainScores!.Select(BitConverter.DoubleToInt64Bits), back.TrainScores!.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(result.FitSeconds, back.FitSeconds);
        Assert.Null(back.Error);

        var failed = ResultJson.Read(ResultJson.Write(result with { TrainScores = null, Error = "boom \"quoted\"" }));
        Assert.Null(failed.TrainScores);
        Assert.Equal("boom \"quoted\"", failed.Error);
    }

    [Fact]
    public void UnknownEstimatorIsRejectedByTheAllowList()
    {
        var task = new FitTask(0, 0, new EstimatorSpec("System.IO.File", new Dictionary<string, object?>()), ["score"], false);
        var e = Assert.Throws<InvalidDataException>(() => TaskJson.Read(TaskJson.Write(task)));
        Assert.Contains("allow-list", e.Message);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"candidate\":1}")]
    [InlineData("{\"candidate\":\"x\",\"split\":0}")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]")]
    public void MalformedTasksAreRejectedWithInvalidData(string json)
    {
        Assert.Throws<InvalidDataException>(() => TaskJson.Read(json));
    }

    [Fact]
    public void RejectedTaskStillYieldsAnErrorOfTheRightShape()
    {
        var id = TaskJson.TryReadIdentity("{\"candidate\":4,\"split\":2,\"estimator\":7,\"scorers\":[\"a\",\"b\"],\"return_train_score\":true}");
        var error = id!.Error("bad");
        Assert.Equal((4, 2), (error.Candidate, error.Split));
        Assert.Equal(2, error.TestScores.Length);
        Assert.Equal(2, error.TrainScores!.Length);
        Assert.Null(TaskJson.TryReadIdentity("garbage"));
    }
}
