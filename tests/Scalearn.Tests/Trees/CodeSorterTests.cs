using Scalearn.Numerics;
using Scalearn.Trees;

namespace Scalearn.Tests.Trees;

public class CodeSorterTests
{
    /// <summary>Every path (insertion or ranking, counting, one to three radix passes) sorts a node's rows stably by code.</summary>
    [Theory]
    [InlineData(20, 100_000, 7)]
    [InlineData(30, 17, 5)]   // a small node counted (its codes span fewer values than it has rows)
    [InlineData(6, 3, 6)]     // too few rows to count: inserted
    [InlineData(2, 1_000, 10)]
    [InlineData(60, 1_500, 8)] // a mid-sized node whose codes spread wide: inserted (ranked with vectors)
    [InlineData(64, 2_000, 9)]
    [InlineData(31, 1 << 26, 11)] // codes too far apart to pair with a 6-bit position: inserted without vectors
    [InlineData(500, 300, 1)]
    [InlineData(3_000, 60_000, 2)]
    [InlineData(3_000, 5_000_000, 3)]
    [InlineData(200, 100_000, 4)]
    public void SortsRowsStablyByCode(int m, int bins, int seed)
    {
        var rng = new Rng(seed);
        int rows = 2 * m;
        var codes = new int[rows];
        for (int r = 0; r < rows; r++) codes[r] = rng.NextInt(bins);
        codes[1] = codes[3]; // at least one tie
        var samples = Enumerable.Range(0, rows).Reverse().ToArray();
        int start = m / 2, end = start + m;
        var sorter = new CodeSorter(rows);

        Assert.True(sorter.Sort(codes, samples, start, end, bins));
        var expected = samples[start..end].Select((row, position) => (row, position))
            .OrderBy(p => codes[p.row]).ThenBy(p => p.position).Select(p => p.row).ToArray();
        Assert.Equal(expected, sorter.Rows[..m]);
        Assert.Equal(expected.Select(r => codes[r]), sorter.Codes[..m]);
    }

    [Fact]
    public void ConstantCodesAreReportedNotSorted()
    {
        var sorter = new CodeSorter(100);
        var codes = Enumerable.Repeat((byte)9, 100).ToArray();
        Assert.False(sorter.Sort(codes, Enumerable.Range(0, 100).ToArray(), 10, 90, 256));
    }
}
