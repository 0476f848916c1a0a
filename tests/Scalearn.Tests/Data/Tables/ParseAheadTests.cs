using Scalearn.Data;
using Scalearn.Data.Tables;

namespace Scalearn.Tests.Data.Tables;

public sealed class ParseAheadTests : IDisposable
{
    private readonly TempFiles _files = new();

    private static List<TableChunk> Sequential(string path, TableOptions options, int chunkRows)
    {
        using var reader = TableReader.Open(path, options);
        return reader.Chunks(chunkRows).ToList();
    }

    private static void AssertSame(IReadOnlyList<TableChunk> expected, IReadOnlyList<TableChunk> actual)
    {
        Assert.Equal(expected.Select(c => c.FirstRow), actual.Select(c => c.FirstRow));
        Assert.Equal(expected.Select(c => c.Count), actual.Select(c => c.Count));
        for (int k = 0; k < expected.Count; k++)
        {
            Assert.Equal(expected[k].Data.X.Values, actual[k].Data.X.Values);
            Assert.Equal(expected[k].Data.Y, actual[k].Data.Y);
            Assert.Equal(expected[k].Data.TextColumns.Keys, actual[k].Data.TextColumns.Keys);
            foreach (var (name, texts) in expected[k].Data.TextColumns) Assert.Equal(texts, actual[k].Data.TextColumns[name]);
        }
    }

    [Theory]
    [InlineData(1, 400)]
    [InlineData(2, 400)]
    [InlineData(3, 400)]
    [InlineData(3, 7)]
    [InlineData(4, 5_000)]
    [InlineData(2, 4_999)]
    public void Parallel_parsers_deliver_the_chunks_of_a_sequential_read_in_file_order(int parsers, int chunkRows)
    {
        // Quoted fields with commas, escaped quotes and line breaks: the cuts must fall at record starts only.
        var path = _files.Write("ahead.csv", TempFiles.SampleCsv(5_000));
        var options = new TableOptions { KeepTextColumns = true };
        var expected = Sequential(path, options, chunkRows);
        AssertSame(expected, TableReader.ParseAhead(path, options, chunkRows, parsers).ToList());
    }

    [Fact]
    public void Reused_chunks_read_the_same_rows_and_memory_stays_a_few_chunks()
    {
        var path = _files.Write("reuse.csv", TempFiles.SampleCsv(3_000));
        var options = new TableOptions { KeepTextColumns = true };
        var expected = Sequential(path, options, 100).SelectMany(c => c.Data.X.Values).ToList();
        var values = new List<double>();
        var arrays = new HashSet<double[]>(ReferenceEqualityComparer.Instance);
        foreach (var chunk in TableReader.ParseAhead(path, options, 100, parsers: 3, reuse: true))
        {
            values.AddRange(chunk.Data.X.Values);
            arrays.Add(chunk.Data.X.Values);
        }
        Assert.Equal(expected, values);
        Assert.InRange(arrays.Count, 1, 2 * 3 + 1);
    }

    [Theory]
    [InlineData("a,target\r\n1,0\r\n2,1\r\n3,0\r\n4,1\r\n5,0\r\n\r\n\r\n")]
    [InlineData("\uFEFFa,target\n1,0\n2,1\n3,0\n4,1\n5,0")]
    [InlineData("a,target\r1,0\r2,1\r3,0\r4,1\r5,0\r")]
    [InlineData("a,target\n1,0\n2,1\n3,0\n4,1\n\n\n")]
    public void Line_endings_a_byte_order_mark_and_trailing_blank_lines_read_as_sequentially(string text)
    {
        var path = _files.Write("ends.csv", text);
        foreach (int rows in new[] { 1, 2, 4, 5 })
            AssertSame(Sequential(path, TableOptions.Default, rows), TableReader.ParseAhead(path, TableOptions.Default, rows, parsers: 2).ToList());
    }

    [Theory]
    [InlineData("a,target\n1,0\n2,1\n3,0\n4,1\n5,0\n  \n", 7)]
    [InlineData("a,target\n1,0\n2,1\n\"3\n,0\n4,1\n", 4)]
    [InlineData("a,target\n1,0\n2,1\n3,0,9\n4,1\n", 4)]
    public void Malformed_records_are_the_sequential_reader_s_errors(string text, long line)
    {
        var path = _files.Write("bad.csv", text);
        foreach (int rows in new[] { 1, 2, 100 })
        {
            var sequential = Assert.Throws<CsvFormatException>(() => Sequential(path, TableOptions.Default, rows));
            var parallel = Assert.Throws<CsvFormatException>(() => TableReader.ParseAhead(path, TableOptions.Default, rows, parsers: 2).ToList());
            Assert.Equal(sequential.Message, parallel.Message);
            Assert.Equal(line, parallel.Line);
        }
    }

    [Fact]
    public void A_file_with_only_a_header_has_no_chunks()
    {
        var path = _files.Write("empty.csv", "a,target\n");
        Assert.Empty(TableReader.ParseAhead(path, TableOptions.Default, 10, parsers: 2));
    }

    [Fact]
    public void A_bad_cell_deep_in_the_file_surfaces_after_the_chunks_before_it_naming_its_line_and_column()
    {
        var text = "a,b,target\n" + string.Concat(Enumerable.Range(0, 3_000).Select(i => i == 2_345 ? $"{i},oops,0\n" : $"{i},{i * 0.5},0\n"));
        var path = _files.Write("late.csv", text);
        var seen = new List<long>();
        var e = Assert.Throws<CsvFormatException>(() =>
        {
            foreach (var chunk in TableReader.ParseAhead(path, TableOptions.Default, 100, parsers: 3)) seen.Add(chunk.FirstRow);
        });
        Assert.Equal(2_347, e.Line);   // the header, then 2,345 rows before it
        Assert.Equal(2, e.Column);
        Assert.Equal("b", e.ColumnName);
        Assert.Contains("oops", e.Message);
        Assert.Equal(Enumerable.Range(0, 23).Select(k => k * 100L), seen);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(3)]
    public void A_blank_line_inside_the_data_is_the_sequential_reader_s_error(int chunkRows)
    {
        var path = _files.Write("blank.csv", "a,target\n1,0\n2,1\n3,0\n\n4,1\n5,0\n");
        var sequential = Assert.Throws<CsvFormatException>(() => Sequential(path, TableOptions.Default, chunkRows));
        var parallel = Assert.Throws<CsvFormatException>(() => TableReader.ParseAhead(path, TableOptions.Default, chunkRows, parsers: 2).ToList());
        Assert.Equal(sequential.Message, parallel.Message);
        Assert.Equal(5, parallel.Line);
    }

    [Fact]
    public void Partitions_in_any_order_are_parsed_whole_and_delivered_in_that_order()
    {
        var path = _files.Write("parts.csv", TempFiles.SampleCsv(3_000));
        var options = new TableOptions { KeepTextColumns = true };
        var partitions = TablePartitioner.Split(path, 9);
        var order = partitions.Reverse().Skip(1).Concat([partitions[^1]]).ToArray();
        var expected = TableReader.ParseAhead(order, options, parsers: 1).ToList();
        Assert.Equal(order.Select(p => p.FirstRow), expected.Select(c => c.FirstRow));
        Assert.Equal(order.Select(p => (int)p.RowCount), expected.Select(c => c.Count));
        AssertSame(expected, TableReader.ParseAhead(order, options, parsers: 3).ToList());

        File.AppendAllText(path, "3000,0.5,1,w,0\n");
        var e = Assert.Throws<IOException>(() => TableReader.ParseAhead(order, options, parsers: 3).ToList());
        Assert.Contains("changed since it was partitioned", e.Message);
    }

    [Fact]
    public void Leaving_early_stops_the_parsers()
    {
        var path = _files.Write("early.csv", TempFiles.SampleCsv(20_000));
        var options = new TableOptions { KeepTextColumns = true };
        var first = TableReader.ParseAhead(path, options, 100, parsers: 2).Take(3).ToList();
        Assert.Equal([0L, 100, 200], first.Select(c => c.FirstRow));
    }

    [Fact]
    public void Bad_arguments_are_refused_by_name()
    {
        var path = _files.Write("args.csv", "a,target\n1,0\n");
        Assert.Equal("parsers", Assert.Throws<ArgumentOutOfRangeException>(() => TableReader.ParseAhead(path, parsers: 0)).ParamName);
        Assert.Equal("chunkRows", Assert.Throws<ArgumentOutOfRangeException>(() => TableReader.ParseAhead(path, chunkRows: 0)).ParamName);
        Assert.Throws<FileNotFoundException>(() => TableReader.ParseAhead(_files.Path("missing.csv"), parsers: 2));
    }

    public void Dispose() => _files.Dispose();
}
