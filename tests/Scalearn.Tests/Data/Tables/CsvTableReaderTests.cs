using Scalearn.Data;
using Scalearn.Data.Tables;

namespace Scalearn.Tests.Data.Tables;

public sealed class CsvTableReaderTests : IDisposable
{
    private readonly TempFiles _files = new();

    private static readonly TableOptions WithText = new() { KeepTextColumns = true, Passthrough = ["id"] };

    [Fact]
    public void Integers_beyond_what_a_double_holds_keep_a_carried_column_as_written()
    {
        var path = _files.Write("ids.csv", "id,small,x,target\n12345678901234567,1,0.5,1\n12345678901234568,2,1.5,0\n-9007199254740993,3,2.5,1\n");

        var all = TableReader.ReadAll(path, TableOptions.AllColumns);
        Assert.Equal(new string?[] { "12345678901234567", "12345678901234568", "-9007199254740993" }, ((StringColumn)all.Passthrough[0]).Values);
        Assert.Equal([1.0, 2, 3], ((DoubleColumn)all.Passthrough[1]).Values);   // small integers stay numbers

        var grouped = TableReader.ReadAll(path, new TableOptions { Group = "id", Exclude = ["small"] });
        Assert.Equal(3, ((StringColumn)grouped.Group!).Values.Distinct().Count());   // rounding would merge the first two groups

        var converted = _files.Path("ids-out.csv");
        using (var writer = TableWriter.Create(converted)) writer.Write(all);
        Assert.Equal(File.ReadAllText(path), File.ReadAllText(converted));
    }

    [Fact]
    public void An_integer_beyond_2_to_the_53_after_the_sampled_rows_is_an_error_not_rounded()
    {
        var rows = Enumerable.Range(0, 6).Select(i => i < 4 ? i.ToString() : (12345678901234567L + i).ToString());
        var path = _files.Write("late-ids.csv", "id,x,target\n" + string.Concat(rows.Select(id => $"{id},0.5,1\n")));

        foreach (var options in new[] { new TableOptions { Passthrough = ["id"], InferRows = 3 }, new TableOptions { Group = "id", InferRows = 3 } })
        {
            using var reader = TableReader.Open(path, options);
            var e = Assert.Throws<CsvFormatException>(() => reader.Chunks(2).Count());
            Assert.Equal(6, e.Line);
            Assert.Equal("id", e.ColumnName);
            Assert.Contains("integer '12345678901234571' is beyond 2^53", e.Message);
            Assert.Contains("InferRows 0", e.Message);
        }
        var fixedNames = Assert.Throws<CsvFormatException>(() =>
            TableReader.ReadAll(path, new TableOptions { Passthrough = ["id"], InferRows = 3, OptionNames = TableOptionNames.Fixed }));
        Assert.Contains("--infer-rows 0", fixedNames.Message);

        var whole = TableReader.ReadAll(path, new TableOptions { Passthrough = ["id"], InferRows = 0 });
        Assert.Equal("12345678901234571", ((StringColumn)whole.Passthrough[0]).Values[4]);
        // Large numbers that are not integer literals, and small integers, stay numbers.
        var floats = _files.Write("floats.csv", "v,x,target\n1,0,0\n2,0,0\n3,0,0\n1.5e20,0,0\n-12345678901234567.5,0,0\n");
        var read = TableReader.ReadAll(floats, new TableOptions { Passthrough = ["v"], InferRows = 3 });
        Assert.Equal(1.5e20, ((DoubleColumn)read.Passthrough[0]).Values[3]);
    }

    [Fact]
    public void Late_text_in_a_carried_column_names_only_what_a_job_user_can_set()
    {
        var path = _files.Write("late-text.csv", "id,x,target\n1,0.5,1\n2,0.5,1\nA-3,0.5,1\n");
        var e = Assert.Throws<CsvFormatException>(() =>
            TableReader.ReadAll(path, new TableOptions { Passthrough = ["id"], InferRows = 2, OptionNames = TableOptionNames.Fixed }));
        Assert.Contains("non-numeric value 'A-3'", e.Message);
        Assert.Contains("--infer-rows 0", e.Message);
        Assert.DoesNotContain("TextColumns", e.Message);
    }

    [Fact]
    public void Chunks_concatenate_to_the_whole_file_load()
    {
        var path = _files.Write("sample.csv", TempFiles.SampleCsv(25_000));
        var whole = CsvLoader.Load(path, new CsvOptions { KeepTextColumns = true });
        using var reader = TableReader.Open(path, WithText);
        var chunks = reader.Chunks(4096).ToList();

        Assert.Equal([0L, 4096, 8192, 12288, 16384, 20480, 24576], chunks.Select(c => c.FirstRow));
        Assert.Equal(25_000, chunks.Sum(c => c.Count));
        Assert.Equal(["a", "b"], reader.Schema.FeatureNames);
        Assert.Equal(whole.X.Values.Where((_, i) => i % 3 != 0), chunks.SelectMany(c => c.Data.X.Values));
        Assert.Equal(whole.Y, chunks.SelectMany(c => c.Data.Y!));
        Assert.Equal(whole.TextColumns["word"], chunks.SelectMany(c => c.Data.TextColumns["word"]));
        Assert.Equal("multi\nline 7", chunks[0].Data.TextColumns["word"][7]);
        var ids = Assert.IsType<DoubleColumn>(chunks[3].Passthrough.Single());
        Assert.Equal(12288.0, ids.Values[0]);
    }

    [Fact]
    public void Schema_step_names_kinds_and_roles()
    {
        var path = _files.Write("roles.csv", "id,g,x,color,drop,target\nA1,1,0.5,red,z,1\nA2,2,1.5,blue,z,0\n");
        var schema = TableReader.ReadSchema(path, new TableOptions
        {
            Passthrough = ["id"], Group = "g", Exclude = ["drop"], KeepTextColumns = true,
        });
        Assert.Equal(
            [("id", ColumnKind.String, ColumnRole.Passthrough), ("g", ColumnKind.Double, ColumnRole.Group), ("x", ColumnKind.Double, ColumnRole.Feature),
             ("color", ColumnKind.String, ColumnRole.Text), ("drop", ColumnKind.Double, ColumnRole.Excluded), ("target", ColumnKind.Double, ColumnRole.Target)],
            schema.Columns.Select(c => (c.Name, c.Kind, c.Role)));
        using var reader = TableReader.Open(path, new TableOptions { Passthrough = ["id"], Group = "g", Exclude = ["drop"], KeepTextColumns = true });
        var chunk = reader.Read(10)!;
        Assert.Equal(new string?[] { "A1", "A2" }, Assert.IsType<StringColumn>(chunk.Passthrough[0]).Values.AsEnumerable());
        Assert.Equal([1.0, 2.0], Assert.IsType<DoubleColumn>(chunk.Group).Values);
        Assert.Equal(["id", "g", "x", "color", "target"], chunk.Columns().Select(c => c.Name));
        Assert.Null(reader.Read(10));
    }

    [Fact]
    public void Options_naming_unknown_or_conflicting_columns_fail_clearly()
    {
        var path = _files.Write("cols.csv", "a,b,target\n1,2,3\n");
        var e = Assert.Throws<CsvFormatException>(() => TableReader.Open(path, new TableOptions { Passthrough = ["nope"] }));
        Assert.Contains("Passthrough column 'nope' not found; the columns are: a, b, target", e.Message);
        e = Assert.Throws<CsvFormatException>(() => TableReader.Open(path, new TableOptions { Group = "a", Exclude = ["a"] }));
        Assert.Contains("'a' is named both in Group and in Exclude", e.Message);
        Assert.Throws<ArgumentException>(() => TableReader.Open(path, new TableOptions { OtherColumns = ColumnRole.Target }));
    }

    [Fact]
    public void Bad_cell_deep_in_the_file_names_line_and_column()
    {
        var text = TempFiles.SampleCsv(30_000, quotedNewlines: false).Replace("\n29000,", "\n29000x,");
        var path = _files.Write("deep.csv", text);
        using var reader = TableReader.Open(path, new TableOptions { KeepTextColumns = true });
        var e = Assert.Throws<CsvFormatException>(() => reader.Chunks(1000).Count());
        Assert.Equal(29_002, e.Line);
        Assert.Equal("id", e.ColumnName);
        Assert.Contains("its first 1000 rows showed numeric", e.Message);
        Assert.StartsWith($"{path}, line 29002, column 'id' (#1)", e.Message);
    }

    [Fact]
    public void Late_text_in_a_whole_file_load_turns_the_column_into_text()
    {
        var text = "a,b,target\n" + string.Concat(Enumerable.Range(0, 3000).Select(i => $"{i},{(i == 2500 ? "late" : i.ToString())},0\n"));
        var data = CsvLoader.Load(new StringReader(text), "late.csv", new CsvOptions { KeepTextColumns = true });
        Assert.Equal(["a"], data.FeatureNames);
        Assert.Equal("late", data.TextColumns["b"][2500]);
        Assert.Equal("7", data.TextColumns["b"][7]);
        Assert.Equal(3000, data.Count);
    }

    [Theory]
    [InlineData("\uFEFFa,target\r\n1,0\r\n2,1\r\n")]
    [InlineData("a,target\r\n1,0\r\n2,1")]
    [InlineData("a,target\n1,0\n2,1\n\n\n")]
    public void Bom_crlf_and_trailing_blank_lines(string text)
    {
        using var reader = TableReader.Open(_files.Write("bom.csv", text));
        var chunk = reader.Read(100)!;
        Assert.Equal(["a"], chunk.Data.FeatureNames);
        Assert.Equal([1.0, 2.0], chunk.Data.X.Values);
        Assert.Equal([0.0, 1.0], chunk.Data.Y!);
        Assert.Null(reader.Read(100));
    }

    [Fact]
    public void Empty_and_header_only_files()
    {
        Assert.Contains("empty", Assert.Throws<CsvFormatException>(() => TableReader.Open(_files.Write("empty.csv", ""))).Message);
        var headerOnly = _files.Write("header.csv", "a,target\n");
        using (var reader = TableReader.Open(headerOnly)) Assert.Null(reader.Read(10));
        Assert.Contains("no data rows", Assert.Throws<CsvFormatException>(() => TableReader.ReadAll(headerOnly)).Message);
        Assert.Empty(TablePartitioner.Split(headerOnly, 4));
    }

    [Fact]
    public void Mismatched_column_count_names_its_line()
    {
        using var reader = TableReader.Open(_files.Write("ragged.csv", "a,b,target\n1,2,0\n3,4,1\n5,6\n"));
        var e = Assert.Throws<CsvFormatException>(() => reader.Read(2) is not null && reader.Read(2) is not null);
        Assert.Equal(4, e.Line);
        Assert.Contains("expected 3 fields (as in the header), got 2", e.Message);
    }

    [Fact]
    public void Records_longer_than_the_read_buffer_are_read_whole()
    {
        var longText = new string('x', 700_000) + "\n" + new string('y', 10);
        var path = _files.Write("long.csv", $"t,target\n\"{longText}\",1\nshort,2\n");
        using var reader = TableReader.Open(path, new TableOptions { KeepTextColumns = true });
        var chunk = reader.Read(10)!;
        Assert.Equal([longText, "short"], chunk.Data.TextColumns["t"]);
        Assert.Equal([1.0, 2.0], chunk.Data.Y!);
    }

    [Fact]
    public void Chunk_converts_to_a_data_view()
    {
        using var reader = TableReader.Open(_files.Write("view.csv", "a,target\n1,0\n2,1\n"));
        DataView view = reader.Read(10)!;
        Assert.Equal(2, view.Count);
        Assert.Equal(1.0, view.Target(1));
    }

    public void Dispose() => _files.Dispose();
}
