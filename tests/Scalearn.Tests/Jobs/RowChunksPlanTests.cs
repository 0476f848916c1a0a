using System.Globalization;
using System.Text;
using Scalearn.Jobs;
using Scalearn.Tests.Data.Tables;

namespace Scalearn.Tests.Jobs;

/// <summary>The byte ranges workers read with --data-on-workers: about a batch each, every row once, in order.</summary>
public sealed class RowChunksPlanTests : IDisposable
{
    private readonly TempFiles _files = new();

    [Theory]
    [InlineData(50_000, 5_000)]   // 2.4 MB: rows estimated from the first megabyte
    [InlineData(3_000, 1_000)]    // smaller than the sample: counted exactly
    [InlineData(2_500, 100_000)]  // one batch
    public void Ranges_hold_about_a_batch_each_and_every_row_once(int rows, int batch)
    {
        var text = new StringBuilder("id,x,label\n");
        for (int r = 0; r < rows; r++)
            text.Append(CultureInfo.InvariantCulture, $"{r},{r * 0.001:R},\"class {r % 3}\"\n");
        string path = _files.Write("rows.csv", text.ToString());

        var plan = RowChunks.Plan(path, batch, CancellationToken.None);

        Assert.Equal(rows, plan.Sum(p => p.RowCount));
        long next = 0;
        foreach (var p in plan)
        {
            Assert.Equal(next, p.FirstRow);
            next += p.RowCount;
            Assert.InRange(p.RowCount, 1, Math.Min(rows, batch) * 1.2);
        }
        Assert.InRange(plan.Count, (rows + batch - 1) / batch, (rows + batch - 1) / batch + 2);
    }

    [Theory]
    [InlineData(1_000_000, 203_509_206L, 2, 62_500)]      // rf_predict's file on 2 slots: 8 partitions a slot
    [InlineData(1_000_000, 203_509_206L, 64, 10_000)]     // many slots: never below the streamed batch
    [InlineData(10_000_000, 2_035_091_430L, 2, 82_439)]   // a large file: at most 16 MB of it a partition
    [InlineData(1_000_000, 10_000_000_000L, 2, 10_000)]   // 10 KB rows: the floor, however wide
    [InlineData(5_000, 100_000L, 2, 10_000)]              // a small file: one partition
    [InlineData(0, 0L, 2, 10_000)]
    public void Without_a_batch_size_workers_get_about_eight_partitions_a_slot_within_bounds(long rows, long bytes, int slots, long expected) =>
        Assert.Equal(expected, RowChunks.WorkerBatch(rows, bytes, slots));

    [Fact]
    public void Without_a_batch_size_the_plan_is_sized_for_the_slots_and_still_holds_every_row_once()
    {
        const int rows = 200_000;
        var text = new StringBuilder("id,x\n");
        for (int r = 0; r < rows; r++) text.Append(CultureInfo.InvariantCulture, $"{r},{r % 97}\n");
        string path = _files.Write("many.csv", text.ToString());

        var plan = RowChunks.Plan(path, null, 2, CancellationToken.None);

        Assert.InRange(plan.Count, 15, 17);   // 200,000 rows / (8 x 2 slots) = 12,500 rows a partition
        Assert.Equal(rows, plan.Sum(p => p.RowCount));
        Assert.Equal(plan.Select(p => p.FirstRow), plan.Select(p => p.FirstRow).Order());
        Assert.InRange(RowChunks.Plan(path, null, 64, CancellationToken.None).Count, 19, 22);   // the 10,000-row floor (rows estimated from the first megabyte)
    }

    public void Dispose() => _files.Dispose();
}
