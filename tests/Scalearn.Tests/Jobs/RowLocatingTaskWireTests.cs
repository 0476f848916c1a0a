using Scalearn.Execution.Wire;
using Scalearn.Jobs;

namespace Scalearn.Tests.Jobs;

/// <summary>
/// The fields the predict, knn and fit-groups tasks gained (a chunk's first row, the minkowski power, the model drop
/// and the written model's name and classes) survive the wire between driver and cluster worker.
/// </summary>
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

    [Fact]
    public void Fit_groups_tasks_and_results_round_trip_with_and_without_a_drop()
    {
        var spec = Estimators.EstimatorSpec.Of(new global::Scalearn.Trees.DecisionTreeRegressor { MaxDepth = 2 });
        foreach (var task in new[] { new GroupFitTask(7, spec, null, 5, "data", ["a", "b"], ("/shared/models", new string('c', 32))), new GroupFitTask(8, spec, "{}", 3, "data") })
        {
            var back = RoundTrip(w => GroupFitKind.Instance.WriteTask(task, w), GroupFitKind.Instance.ReadTask);
            Assert.Equal((task.Pack, task.Grid, task.Cv, task.Data, task.Drop), (back.Pack, back.Grid, back.Cv, back.Data, back.Drop));
            Assert.Equal(task.Keys, back.Keys);
        }

        var result = new GroupFitResult(7, [
            new GroupFit("a", 10, 0.5, "{}", 0.1, null, null, ".file.partial.scalearn", [0, 1]),
            new GroupFit("b", 12, 0.25, "{}", 0.2, null, [1, 2, 3]),
            new GroupFit("c", 2, double.NaN, "", 0, "too few rows", null)]);
        var fits = RoundTrip(w => GroupFitKind.Instance.WriteResult(result, w), GroupFitKind.Instance.ReadResult).Groups;
        Assert.Equal(result.Groups.Select(g => (g.Key, g.ModelFile, g.Error)), fits.Select(g => (g.Key, g.ModelFile, g.Error)));
        Assert.Equal([0.0, 1], fits[0].Classes!);
        Assert.Equal([1, 2, 3], fits[1].Model!);
        Assert.Null(fits[1].Classes);
    }
}
