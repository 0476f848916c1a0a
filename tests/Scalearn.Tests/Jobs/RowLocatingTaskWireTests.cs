using Scalearn.Execution.Wire;
using Scalearn.Jobs;

namespace Scalearn.Tests.Jobs;

/// <summary>The fields the predict and knn tasks gained (a chunk's first row, the minkowski power) survive the wire to a cluster worker.</summary>
public class RowLocatingTaskWireTests
{
    private static T RoundTrip<T>(Action<WireWriter> write, Func<WireReader, T> read)
    {
        var writer = new WireWriter();
        write(writer);
        return read(new WireReader(writer.ToArray()));
    }

    [Fact]
    public void Predict_and_knn_tasks_round_trip()
    {
        var predict = new PredictTask(3, "model", "rows", true, 30_000);
        Assert.Equal(predict, RoundTrip(w => PredictKind.Instance.WriteTask(predict, w), PredictKind.Instance.ReadTask));

        var group = new GroupPredictTask(4, "rows", ["m0", "m1"], [0, -1, 1], false, [0, 1], 40_000);
        var groupBack = RoundTrip(w => GroupPredictKind.Instance.WriteTask(group, w), GroupPredictKind.Instance.ReadTask);
        Assert.Equal(40_000, groupBack.FirstRow);
        Assert.Equal(group.Route, groupBack.Route);

        var knn = new KnnTask(5, "index", "minkowski", 4, null, 10, 20, 3.5);
        Assert.Equal(knn, RoundTrip(w => KnnKind.Instance.WriteTask(knn, w), KnnKind.Instance.ReadTask));

        var shard = new ShardQueryTask(6, 1, "shard", 100, 50, "minkowski", 4, "queries", 7, 1.5);
        Assert.Equal(shard, RoundTrip(w => ShardQueryKind.Instance.WriteTask(shard, w), ShardQueryKind.Instance.ReadTask));
    }
}
