using Scalearn.Data;
using Scalearn.Data.Tables;

namespace Scalearn.Tests.Data.Tables;

public sealed class ReadAheadTests : IDisposable
{
    private readonly TempFiles _files = new();

    [Fact]
    public void Read_ahead_yields_the_same_chunks_in_order()
    {
        var path = _files.Write("ahead.csv", TempFiles.SampleCsv(5_000));
        var options = new TableOptions { KeepTextColumns = true };
        using var plain = TableReader.Open(path, options);
        using var ahead = TableReader.Open(path, options);
        var expected = plain.Chunks(400).ToList();
        var actual = ahead.ReadAhead(400, depth: 2).ToList();
        Assert.Equal(expected.Select(c => c.FirstRow), actual.Select(c => c.FirstRow));
        Assert.Equal(expected.SelectMany(c => c.Data.X.Values), actual.SelectMany(c => c.Data.X.Values));
    }

    [Fact]
    public void An_error_surfaces_after_the_chunks_before_it()
    {
        var path = _files.Write("late.csv", "a,target\n" + string.Concat(Enumerable.Range(0, 1000).Select(i => i == 950 ? "x,0\n" : $"{i},0\n")));
        using var reader = TableReader.Open(path);
        var seen = new List<long>();
        var e = Assert.Throws<CsvFormatException>(() =>
        {
            foreach (var chunk in reader.ReadAhead(100)) seen.Add(chunk.FirstRow);
        });
        Assert.Equal(952, e.Line);
        Assert.Equal([0L, 100, 200, 300, 400, 500, 600, 700, 800], seen);
    }

    [Fact]
    public void Leaving_early_stops_the_background_reader()
    {
        var path = _files.Write("early.csv", TempFiles.SampleCsv(20_000));
        using var reader = TableReader.Open(path, new TableOptions { KeepTextColumns = true });
        var first = reader.ReadAhead(100, depth: 1).First();
        Assert.Equal(0, first.FirstRow);
        // The reader is free again: the background thread has stopped after at most a couple of chunks.
        var next = reader.Read(100)!;
        Assert.InRange(next.FirstRow, 100, 400);
    }

    public void Dispose() => _files.Dispose();
}
