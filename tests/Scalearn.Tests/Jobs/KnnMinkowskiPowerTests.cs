using System.Globalization;
using System.Text;
using System.Text.Json;
using Scalearn.Execution;
using Scalearn.Jobs;
using Scalearn.Tests.Data.Tables;

namespace Scalearn.Tests.Jobs;

/// <summary>
/// knn with the minkowski metric's power (scikit-learn's p, --p): distances as NearestNeighbors(p=...).kneighbors gives
/// them on a grid with duplicates and ties (Fixtures/Neighbors/knn_minkowski_p.json), neighbours by (distance, index),
/// sharded or not. The job used to accept only p = 2.
/// </summary>
public sealed class KnnMinkowskiPowerTests : IDisposable
{
    private readonly TempFiles _files = new();
    private static readonly JsonElement Fixture =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Neighbors", "knn_minkowski_p.json"))).RootElement;

    private static double[][] Rows(string name) => Fixture.GetProperty(name).EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();

    private string Csv(string name, double[][] rows)
    {
        var text = new StringBuilder("a,b,c\n");
        foreach (var row in rows) text.AppendJoin(',', row.Select(v => v.ToString("R", CultureInfo.InvariantCulture))).Append('\n');
        return _files.Write(name, text.ToString());
    }

    public static TheoryData<int, bool, int> Cases()
    {
        var data = new TheoryData<int, bool, int>();
        for (int c = 0; c < 3; c++)
            foreach (bool self in new[] { false, true })
                foreach (int shards in new[] { 1, 3 })
                    data.Add(c, self, shards);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Distances_are_scikit_learns_and_ties_go_by_index(int caseIndex, bool self, int shards)
    {
        var fixtureCase = Fixture.GetProperty("cases")[caseIndex];
        double p = fixtureCase.GetProperty("p").GetDouble();
        int k = Fixture.GetProperty("k").GetInt32();
        double[][] index = Rows("index"), queries = self ? index : Rows("queries");
        var expected = fixtureCase.GetProperty(self ? "self_distances" : "distances").EnumerateArray()
            .Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        string output = _files.Path($"out-{caseIndex}-{self}-{shards}.csv");
        await KnnQueryJob.RunAsync(new LocalExecutor(2), Csv("index.csv", index), self ? null : Csv("queries.csv", queries), output,
            new KnnQueryOptions { K = k, BatchSize = 5, P = p, Shards = shards });

        var rows = File.ReadAllLines(output).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(queries.Length * k, rows.Length);
        for (int q = 0; q < queries.Length; q++)
        {
            var mine = rows.Skip(q * k).Take(k).Select(r => (Neighbor: int.Parse(r[2], CultureInfo.InvariantCulture), Distance: double.Parse(r[3], CultureInfo.InvariantCulture))).ToArray();
            for (int r = 0; r < k; r++)
            {
                Assert.Equal(expected[q][r], mine[r].Distance, 1e-12);
                double exact = Math.Pow(index[mine[r].Neighbor].Zip(queries[q], (a, b) => Math.Pow(Math.Abs(a - b), p)).Sum(), 1 / p);
                Assert.Equal(exact, mine[r].Distance, 1e-12);
                if (r > 0) Assert.True(mine[r - 1].Distance < mine[r].Distance || mine[r - 1].Distance == mine[r].Distance && mine[r - 1].Neighbor < mine[r].Neighbor);
            }
        }
    }

    [Fact]
    public async Task A_power_below_one_or_for_another_metric_is_refused()
    {
        string index = Csv("index.csv", Rows("index")), output = _files.Path("o.csv");
        var e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => KnnQueryJob.RunAsync(new LocalExecutor(1), index, null, output, new KnnQueryOptions { K = 2, P = 0.5 }));
        Assert.Contains("--p must be a finite number >= 1", e.Message);
        var other = await Assert.ThrowsAsync<ArgumentException>(() => KnnQueryJob.RunAsync(new LocalExecutor(1), index, null, output, new KnnQueryOptions { K = 2, P = 3, Metric = "cosine" }));
        Assert.Contains("--p 3 is the power of --metric minkowski; --metric cosine has none", other.Message);
    }

    public void Dispose() => _files.Dispose();
}
