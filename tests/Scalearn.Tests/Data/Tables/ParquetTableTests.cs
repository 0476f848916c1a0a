using Parquet;
using Parquet.Schema;
using Scalearn.Data;
using Scalearn.Data.Tables;

namespace Scalearn.Tests.Data.Tables;

public sealed class ParquetTableTests : IDisposable
{
    private readonly TempFiles _files = new();

    private string WriteSample(string name, int rows, int rowGroupRows)
    {
        var path = _files.Path(name);
        using var writer = TableWriter.Create(path, rowGroupRows);
        for (int start = 0; start < rows; start += 1000)
        {
            int n = Math.Min(1000, rows - start);
            var ids = Enumerable.Range(start, n).Select(i => (long)i).ToArray();
            writer.Write([
                new LongColumn("id", ids),
                new DoubleColumn("x", ids.Select(i => i * 0.5).ToArray()),
                new StringColumn("color", ids.Select(i => i % 10 == 3 ? null : "c" + i % 4).ToArray()),
                new DoubleColumn("target", ids.Select(i => (double)(i % 2)).ToArray()),
            ]);
        }
        return path;
    }

    [Fact]
    public void Written_chunks_read_back_in_chunks_across_row_groups()
    {
        var path = WriteSample("sample.parquet", 10_000, rowGroupRows: 3_000);
        var options = new TableOptions { Passthrough = ["id"], KeepTextColumns = true };
        using var reader = TableReader.Open(path, options);
        Assert.Equal(10_000, reader.Schema.RowCount);
        Assert.Equal([ColumnKind.Long, ColumnKind.Double, ColumnKind.String, ColumnKind.Double], reader.Schema.Columns.Select(c => c.Kind));
        var chunks = reader.Chunks(2_500).ToList();
        Assert.Equal([0L, 2500, 5000, 7500], chunks.Select(c => c.FirstRow));
        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => (long)i), chunks.SelectMany(c => ((LongColumn)c.Passthrough[0]).Values));
        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => i * 0.5), chunks.SelectMany(c => c.Data.X.Values));
        Assert.Equal("", chunks[0].Data.TextColumns["color"][3]);
        Assert.Equal("c0", chunks[0].Data.TextColumns["color"][4]);
    }

    [Fact]
    public void Whole_file_load_and_bundled_datasets_read_parquet()
    {
        var path = _files.Path("whole.parquet");
        using (var writer = TableWriter.Create(path, rowGroupRows: 1_024))
            for (int start = 0; start < 5_000; start += 1_000)
            {
                var ids = Enumerable.Range(start, 1_000).Select(i => (long)i).ToArray();
                writer.Write([new LongColumn("id", ids), new DoubleColumn("x", ids.Select(i => i * 0.5).ToArray()),
                    new DoubleColumn("target", ids.Select(i => (double)(i % 2)).ToArray())]);
            }
        var data = BundledDatasets.Load(path);
        Assert.Equal(5_000, data.Count);
        Assert.Equal(["id", "x"], data.FeatureNames);
        Assert.Equal(4999.0, data.X[4999, 0]);
        Assert.Equal(1.0, data.Y![4999]);
    }

    [Fact]
    public void Text_column_without_keep_text_is_refused_naming_it()
    {
        var path = WriteSample("text.parquet", 10, 10);
        var e = Assert.Throws<ParquetFormatException>(() => TableReader.Open(path));
        Assert.Equal("color", e.ColumnName);
        Assert.Contains("KeepTextColumns", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Row_group_partitions_read_independently()
    {
        var path = WriteSample("parts.parquet", 10_000, rowGroupRows: 1_000);
        var partitions = TablePartitioner.Split(path, 3);
        Assert.Equal(3, partitions.Count);
        Assert.Equal(10_000, partitions.Sum(p => p.RowCount));
        var ids = new List<long>();
        foreach (var partition in partitions)
        {
            using var reader = TableReader.Open(partition, new TableOptions { Passthrough = ["id"], Exclude = ["color"] });
            var chunks = reader.Chunks(700).ToList();
            Assert.Equal(partition.FirstRow, chunks[0].FirstRow);
            ids.AddRange(chunks.SelectMany(c => ((LongColumn)c.Passthrough[0]).Values));
        }
        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => (long)i), ids);
    }

    [Fact]
    public void Corrupt_and_truncated_files_name_the_file()
    {
        var good = File.ReadAllBytes(WriteSample("good.parquet", 2_000, 500));
        var truncated = _files.Path("truncated.parquet");
        File.WriteAllBytes(truncated, good[..(good.Length / 2)]);
        var e = Assert.Throws<ParquetFormatException>(() => TableReader.Open(truncated));
        Assert.StartsWith(truncated, e.Message);

        var corrupt = _files.Path("corrupt.parquet");
        var bytes = (byte[])good.Clone();
        for (int i = 4; i < bytes.Length - 2000; i++) bytes[i] ^= 0x5A;
        File.WriteAllBytes(corrupt, bytes);
        e = Assert.Throws<ParquetFormatException>(() =>
        {
            using var reader = TableReader.Open(corrupt, new TableOptions { KeepTextColumns = true });
            reader.Chunks().Count();
        });
        Assert.StartsWith(corrupt, e.Message);

        var notParquet = _files.Write("text.parquet", "a,b\n1,2\n");
        Assert.Contains("not a readable Parquet file", Assert.Throws<ParquetFormatException>(() => TableReader.Open(notParquet)).Message);
    }

    [Fact]
    public async Task Unsupported_column_types_are_named_and_can_be_excluded()
    {
        var path = _files.Path("dates.parquet");
        var schema = new ParquetSchema(new DataField<DateTime>("when"), new DataField<double>("x"), new DataField<double>("target"));
        await using (var stream = File.Create(path))
        {
            await using var writer = await ParquetWriter.CreateAsync(schema, stream);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<DateTime>(schema.DataFields[0], new[] { new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc) }.AsMemory());
            await group.WriteAsync<double>(schema.DataFields[1], new[] { 1.5 }.AsMemory());
            await group.WriteAsync<double>(schema.DataFields[2], new[] { 1.0 }.AsMemory());
        }
        var e = Assert.Throws<ParquetFormatException>(() => TableReader.Open(path));
        Assert.Equal("when", e.ColumnName);
        Assert.Contains("TIMESTAMP", e.Message);
        Assert.Equal([1.5], TableReader.Load(path, new TableOptions { Exclude = ["when"] }).X.Values);
        using var reader = TableReader.Open(path, new TableOptions { Passthrough = ["when"] });
        Assert.Equal("2024-01-02 03:04:05", ((StringColumn)reader.Read(10)!.Passthrough[0]).Values[0]);   // INT96 (Parquet.Net's default), naive as DuckDB shows it
    }

    [Fact]
    public async Task A_nullable_integer_column_with_nulls_reads_as_numbers_with_missing_values()
    {
        var path = _files.Path("nullable.parquet");
        var schema = new ParquetSchema(new DataField<int?>("holes"), new DataField<long?>("full"), new DataField<bool?>("flag"), new DataField<double>("x"));
        await using (var stream = File.Create(path))
        {
            await using var writer = await ParquetWriter.CreateAsync(schema, stream);
            foreach (int offset in new[] { 0, 3 })   // two row groups; the nulls only in the second
            {
                using var group = writer.CreateRowGroup();
                await group.WriteAsync<int>(schema.DataFields[0], new int?[] { 7, offset == 0 ? 8 : null, 9 }.AsMemory());
                await group.WriteAsync<long>(schema.DataFields[1], new long?[] { 12345678901234567L + offset, 1, 2 }.AsMemory());
                await group.WriteAsync<bool>(schema.DataFields[2], new bool?[] { true, false, offset == 0 ? true : null }.AsMemory());
                await group.WriteAsync<double>(schema.DataFields[3], new[] { 0.5, 1.5, 2.5 }.AsMemory());
            }
        }
        var all = TableReader.ReadAll(path, TableOptions.AllColumns);
        Assert.Equal([7, 8, 9, 7, double.NaN, 9], ((DoubleColumn)all.Passthrough[0]).Values);
        Assert.Equal([12345678901234567L, 1, 2, 12345678901234570L, 1, 2], ((LongColumn)all.Passthrough[1]).Values);   // no nulls: exact longs
        Assert.Equal([1, 0, 1, 1, 0, double.NaN], ((DoubleColumn)all.Passthrough[2]).Values);

        var csv = _files.Path("nullable.csv");
        using (var reader = TableReader.Open(path, TableOptions.AllColumns))
        using (var writer = TableWriter.Create(csv))
            foreach (var chunk in reader.ReadAhead(2)) writer.Write(chunk);
        Assert.Equal("holes,full,flag,x\n7,12345678901234567,1,0.5\n8,1,0,1.5\n9,2,1,2.5\n7,12345678901234570,1,0.5\n,1,0,1.5\n9,2,,2.5\n",
            File.ReadAllText(csv));
    }

    [Fact]
    public void Missing_feature_values_need_allow_missing_and_name_the_row()
    {
        var path = _files.Path("nan.parquet");
        using (var writer = TableWriter.Create(path))
            writer.Write([new DoubleColumn("x", [1, 2, double.NaN]), new DoubleColumn("target", [0, 1, 0])]);
        var e = Assert.Throws<ParquetFormatException>(() => TableReader.Load(path));
        Assert.Equal(3, e.Row);
        Assert.Equal("x", e.ColumnName);
        Assert.Contains("AllowMissing", e.Message);
        Assert.True(double.IsNaN(TableReader.Load(path, new TableOptions { AllowMissing = true }).X[2, 0]));
    }

    public void Dispose() => _files.Dispose();
}
