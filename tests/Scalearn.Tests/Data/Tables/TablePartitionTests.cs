using System.Text.Json;
using Scalearn.Data;
using Scalearn.Data.Tables;

namespace Scalearn.Tests.Data.Tables;

public sealed class TablePartitionTests : IDisposable
{
    private readonly TempFiles _files = new();
    private static readonly TableOptions Options = new() { KeepTextColumns = true, Passthrough = ["id"] };

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(64)]
    public void Partitions_cover_every_row_once_even_with_quoted_line_breaks(int count)
    {
        var path = _files.Write("parts.csv", TempFiles.SampleCsv(5_000));
        var partitions = TablePartitioner.Split(path, count);
        Assert.Equal(count, partitions.Count);
        Assert.Equal(Enumerable.Range(0, count), partitions.Select(p => p.Index));

        var ids = new List<double>();
        var words = new List<string>();
        foreach (var partition in partitions)
        {
            using var reader = TableReader.Open(partition, Options);
            var chunks = reader.Chunks(333).ToList();
            Assert.Equal(partition.FirstRow, chunks[0].FirstRow);
            Assert.Equal(partition.RowCount, chunks.Sum(c => c.Count));
            foreach (var chunk in chunks)
            {
                ids.AddRange(((DoubleColumn)chunk.Passthrough[0]).Values);
                words.AddRange(chunk.Data.TextColumns["word"]);
            }
        }
        Assert.Equal(Enumerable.Range(0, 5_000).Select(i => (double)i), ids);
        var whole = TableReader.ReadAll(path, Options);
        Assert.Equal(whole.Data.TextColumns["word"], words);
    }

    [Fact]
    public void Scan_blocks_boundaries_inside_quoted_fields_do_not_shift_partitions()
    {
        // ~4 MB: the scanner's 1 MB blocks end inside quoted fields, escaped quotes and CRLF pairs.
        var text = TempFiles.SampleCsv(100_000).Replace("\n", "\r\n");
        var path = _files.Write("big.csv", text);
        var ids = new List<double>();
        foreach (var partition in TablePartitioner.Split(path, 13))
        {
            using var reader = TableReader.Open(partition, Options);
            foreach (var chunk in reader.Chunks(10_000)) ids.AddRange(((DoubleColumn)chunk.Passthrough[0]).Values);
        }
        Assert.Equal(Enumerable.Range(0, 100_000).Select(i => (double)i), ids);
    }

    [Fact]
    public void Carriage_return_line_ends_split_like_line_feeds()
    {
        var path = _files.Write("cr.csv", "a,target\r" + string.Concat(Enumerable.Range(0, 100).Select(i => $"{i},0\r")));
        var partitions = TablePartitioner.Split(path, 4);
        Assert.Equal(100, partitions.Sum(p => p.RowCount));
        Assert.Equal(2 + partitions[1].FirstRow, partitions[1].FirstLine);
        var values = partitions.SelectMany(p =>
        {
            using var reader = TableReader.Open(p);
            return reader.Chunks().SelectMany(c => c.Data.X.Values).ToList();
        });
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (double)i), values);
    }

    [Fact]
    public void First_line_accounts_for_line_breaks_inside_quotes()
    {
        var path = _files.Write("lines.csv", TempFiles.SampleCsv(1_000));
        foreach (var p in TablePartitioner.Split(path, 5))
        {
            // Row r is on line 2 + r + (line breaks in earlier quoted cells: one every 7 rows, starting with row 0).
            long expected = 2 + p.FirstRow + (p.FirstRow + 6) / 7;
            Assert.Equal(expected, p.FirstLine);
        }
    }

    [Fact]
    public void Bad_cell_read_from_a_middle_partition_names_the_file_line()
    {
        var text = TempFiles.SampleCsv(4_000, quotedNewlines: false).Replace("\n3100,", "\n3100,x");
        var path = _files.Write("bad.csv", text);
        var partitions = TablePartitioner.Split(path, 4);
        var middle = partitions.Single(p => p.FirstRow <= 3100 && 3100 < p.FirstRow + p.RowCount);
        Assert.True(middle.FirstRow > 0);
        using var reader = TableReader.Open(middle, Options);
        var e = Assert.Throws<CsvFormatException>(() => reader.Chunks(100).Count());
        Assert.Equal(3102, e.Line);
        Assert.Equal("a", e.ColumnName);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Blank_line_at_the_end_of_a_partition_is_an_error_when_data_follows()
    {
        var rows = string.Concat(Enumerable.Range(0, 200).Select(i => $"{i},0\n"));
        var path = _files.Write("blank.csv", "a,target\n" + rows + "\n" + rows);
        var errors = 0;
        foreach (var p in TablePartitioner.Split(path, 4))
        {
            using var reader = TableReader.Open(p);
            try { reader.Chunks(50).Count(); }
            catch (CsvFormatException e)
            {
                Assert.Equal(202, e.Line);
                Assert.Contains("blank line inside the data", e.Message);
                errors++;
            }
        }
        Assert.Equal(1, errors);
    }

    [Fact]
    public void A_partition_is_plain_data_that_survives_json()
    {
        var path = _files.Write("json.csv", TempFiles.SampleCsv(100));
        var partition = TablePartitioner.Split(path, 2)[1];
        var copy = JsonSerializer.Deserialize<TablePartition>(JsonSerializer.Serialize(partition));
        Assert.Equal(partition, copy);
        using var reader = TableReader.Open(copy!, Options);
        Assert.Equal(partition.FirstRow, reader.Read(1000)!.FirstRow);
    }

    [Fact]
    public void A_file_changed_since_splitting_is_refused()
    {
        var path = _files.Write("changed.csv", TempFiles.SampleCsv(100));
        var partition = TablePartitioner.Split(path, 2)[0];
        File.AppendAllText(path, "100,1,2,w,0\n");
        var e = Assert.Throws<IOException>(() => TableReader.Open(partition, Options));
        Assert.Contains("changed since it was partitioned", e.Message);
    }

    [Fact]
    public void More_partitions_than_rows_gives_one_per_row()
    {
        var path = _files.Write("tiny.csv", "a,target\n1,0\n2,1\n3,0\n");
        var partitions = TablePartitioner.Split(path, 50);
        Assert.Equal(3, partitions.Count);
        Assert.Equal([0L, 1, 2], partitions.Select(p => p.FirstRow));
        Assert.All(partitions, p => Assert.Equal(1, p.RowCount));
    }

    public void Dispose() => _files.Dispose();
}
