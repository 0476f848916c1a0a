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

    public void Dispose() => _files.Dispose();
}
