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

    [Theory]
    [InlineData("reuse.csv")]
    [InlineData("reuse.parquet")]
    public void Reused_chunks_overwrite_the_previous_arrays_and_read_the_same_rows(string name)
    {
        var csv = _files.Write("source.csv", TempFiles.SampleCsv(2_345));
        var path = _files.Path(name);
        using (var source = TableReader.Open(csv, TableOptions.AllColumns))
        using (var writer = TableWriter.Create(path, rowGroupRows: 1_000))
            foreach (var chunk in source.Chunks(500)) writer.Write(chunk);
        var options = new TableOptions { KeepTextColumns = true, Passthrough = ["id"] };
        using var plain = TableReader.Open(path, options);
        var expected = plain.Chunks(400).SelectMany(c => c.Data.X.Values).ToList();

        using var reader = TableReader.Open(path, options);
        var values = new List<double>();
        var arrays = new HashSet<double[]>(ReferenceEqualityComparer.Instance);
        foreach (var chunk in reader.Chunks(400, reuse: true))
        {
            values.AddRange(chunk.Data.X.Values);
            arrays.Add(chunk.Data.X.Values);
            Assert.Equal(chunk.FirstRow, ((DoubleColumn)chunk.Passthrough[0]).Values[0]);
        }
        Assert.Equal(expected, values);
        Assert.Equal(2, arrays.Count);

        using var ahead = TableReader.Open(path, options);
        values.Clear();
        foreach (var chunk in ahead.ReadAhead(400, depth: 2, reuse: true)) values.AddRange(chunk.Data.X.Values);
        Assert.Equal(expected, values);
    }

    public void Dispose() => _files.Dispose();
}
