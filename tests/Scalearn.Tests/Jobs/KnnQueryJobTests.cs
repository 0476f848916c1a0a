using System.Globalization;
using System.Text;
using Scalearn.Data;
using Scalearn.Data.Tables;
using Scalearn.Execution;
using Scalearn.Jobs;
using Scalearn.Neighbors;
using Scalearn.Tests.Data.Tables;

namespace Scalearn.Tests.Jobs;

public sealed class KnnQueryJobTests : IDisposable
{
    private readonly TempFiles _files = new();

    /// <summary>Points on a small integer grid (many equal distances) plus one duplicated point.</summary>
    private string Points(string name, int count, int seed)
    {
        var rng = new global::Scalearn.Numerics.Rng(seed);
        var text = new StringBuilder("u,v\n");
        for (int i = 0; i < count; i++) text.Append(CultureInfo.InvariantCulture, $"{rng.NextInt(8)},{rng.NextInt(8)}\n");
        return _files.Write(name, text.ToString());
    }

    private static (long[] Query, long[] Rank, long[] Neighbor, double[] Distance) Read(string path)
    {
        var t = TableReader.ReadAll(path, TableOptions.AllColumns);
        return (Longs(t.Passthrough[0]), Longs(t.Passthrough[1]), Longs(t.Passthrough[2]), ((DoubleColumn)t.Passthrough[3]).Values);

        // A CSV reader may read whole numbers back as doubles.
        static long[] Longs(TableColumn c) => c is LongColumn l ? l.Values : ((DoubleColumn)c).Values.Select(v => (long)v).ToArray();
    }

    [Fact]
    public async Task Self_gives_each_points_neighbours_but_itself_with_ties_by_distance_then_index()
    {
        var index = Points("index.csv", 300, 1);
        var output = _files.Path("self.csv");
        await KnnQueryJob.RunAsync(new LocalExecutor(3), index, null, output, new KnnQueryOptions { K = 4, BatchSize = 37, Metric = "euclidean" });

        var x = TableReader.Load(index, new TableOptions { Target = null }).X;
        var (query, rank, neighbor, distance) = Read(output);
        Assert.Equal(1_200, query.Length);
        for (int q = 0; q < 300; q++)
        {
            // With many exact duplicates on the grid, scikit-learn drops the first of k + 1 when the point is not among them.
            var expected = Enumerable.Range(0, 300).Select(j => (D: Math.Sqrt(Sq(x, q, j)), J: j)).OrderBy(p => p.D).ThenBy(p => p.J).Take(5).ToList();
            int self = expected.FindIndex(p => p.J == q);
            expected.RemoveAt(self >= 0 ? self : 0);
            for (int r = 0; r < 4; r++)
            {
                int row = q * 4 + r;
                Assert.Equal((q, r), ((int)query[row], (int)rank[row]));
                Assert.Equal(expected[r].J, (int)neighbor[row]);
                Assert.Equal(expected[r].D, distance[row], 12);
            }
        }
    }

    private static double Sq(Matrix x, int a, int b)
    {
        double s = 0;
        for (int c = 0; c < x.Cols; c++) s += (x[a, c] - x[b, c]) * (x[a, c] - x[b, c]);
        return s;
    }

    [Fact]
    public async Task Queries_match_the_model_and_do_not_depend_on_chunking_or_slots()
    {
        var index = Points("index.csv", 200, 2);
        var queries = Points("queries.csv", 150, 3);
        string a = _files.Path("a.csv"), b = _files.Path("b.csv");
        await KnnQueryJob.RunAsync(new LocalExecutor(1), index, queries, a, new KnnQueryOptions { K = 6, BatchSize = 1_000 });
        await KnnQueryJob.RunAsync(new LocalExecutor(3), index, queries, b, new KnnQueryOptions { K = 6, BatchSize = 7 });
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));

        var model = (NearestNeighborsModel)new NearestNeighbors { NNeighbors = 6 }.Fit(TableReader.Load(index, new TableOptions { Target = null }));
        var expected = model.KNeighbors(TableReader.Load(queries, new TableOptions { Target = null }));
        var (_, _, neighbor, distance) = Read(a);
        Assert.Equal(expected.Indices.Select(i => (long)i), neighbor);
        Assert.Equal(expected.Distances.Values, distance);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Query_columns_in_another_order_are_matched_by_name(int shards)
    {
        var index = Points("index.csv", 60, 2);
        var queries = Points("queries.csv", 25, 3);
        var swapped = _files.Write("swapped.csv", "v,u\n" + string.Concat(File.ReadAllLines(queries).Skip(1).Select(l => string.Join(",", l.Split(',').Reverse()) + "\n")));
        string a = _files.Path("a.csv"), b = _files.Path("b.csv");
        await KnnQueryJob.RunAsync(new LocalExecutor(2), index, queries, a, new KnnQueryOptions { K = 4, Shards = shards });
        await KnnQueryJob.RunAsync(new LocalExecutor(2), index, swapped, b, new KnnQueryOptions { K = 4, Shards = shards, BatchSize = 7 });
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));

        var other = _files.Write("other.csv", "u,w\n1,2\n");
        var e = await Assert.ThrowsAsync<ArgumentException>(() => KnnQueryJob.RunAsync(new LocalExecutor(1), index, other, _files.Path("o.csv"),
            new KnnQueryOptions { K = 2, Shards = shards }));
        Assert.Contains("u, w", e.Message);
        e = await Assert.ThrowsAsync<ArgumentException>(() => KnnQueryJob.RunAsync(new LocalExecutor(1), index, swapped, _files.Path("o.csv"),
            new KnnQueryOptions { K = 2, DataOnWorkers = true }));
        Assert.Contains("--data-on-workers", e.Message);
    }

    [Fact]
    public async Task K_larger_than_the_index_and_a_bad_metric_are_refused()
    {
        var index = Points("small.csv", 5, 4);
        var e = await Assert.ThrowsAsync<ArgumentException>(() => KnnQueryJob.RunAsync(new LocalExecutor(1), index, null, _files.Path("o.csv"), new KnnQueryOptions { K = 5 }));
        Assert.Contains("at most 4", e.Message);
        e = await Assert.ThrowsAsync<ArgumentException>(() => KnnQueryJob.RunAsync(new LocalExecutor(1), index, index, _files.Path("o.csv"), new KnnQueryOptions { K = 6 }));
        Assert.Contains("larger than the index", e.Message);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => KnnQueryJob.RunAsync(new LocalExecutor(1), index, null, _files.Path("o.csv"), new KnnQueryOptions { K = 2, Metric = "nope" }));
        Assert.False(File.Exists(_files.Path("o.csv")));
    }

    public void Dispose() => _files.Dispose();
}
