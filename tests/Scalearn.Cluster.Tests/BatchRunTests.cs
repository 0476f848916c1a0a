using Scalearn.Cluster.Driver;
using Scalearn.Estimators;
using Scalearn.Execution;

namespace Scalearn.Cluster.Tests;

public sealed class BatchRunTests
{
    [Fact]
    public void EachTaskCountsOnceAndStraysAreIgnored()
    {
        var spec = new EstimatorSpec("X", new Dictionary<string, object?>());
        var run = new BatchRun(Guid.NewGuid(), [new FitTask(0, 0, spec, ["score"], false), new FitTask(0, 1, spec, ["score"], false)]);
        FitResult Result(int c, int s, double score) => new(c, s, [score], null, 0, 0, null);

        run.Accept(Result(0, 0, 0.5));
        run.Accept(Result(0, 0, 0.9));   // redelivered duplicate: the first one stays
        run.Accept(Result(7, 0, 0.1));   // not part of the batch
        run.Accept(Result(0, 1, 0.7));

        var received = new List<FitResult>();
        while (run.Results.TryRead(out var r)) received.Add(r);
        Assert.Equal([(0, 0, 0.5), (0, 1, 0.7)], received.Select(r => (r.Candidate, r.Split, r.TestScores[0])));
        Assert.Equal(2, run.Duplicates);
    }
}
