using Scalearn.Data;
using Scalearn.Data.Tables;
using Scalearn.Tests.Data.Tables;

namespace Scalearn.Tests.Data.ParquetInterop;

/// <summary>Parquet files written by DuckDB, read by our reader and checked against what DuckDB reads back.</summary>
public sealed class DuckDbParquetTests : IDisposable
{
    private readonly TempFiles _files = new();
    private readonly DuckDb _db = new();

    /// <summary>Every common flat type, a NULL every 7th row, all-null columns, a LIST and a STRUCT, and a 0/1 target.</summary>
    private const string AllTypes = """
        SELECT i AS id,
          CASE WHEN i % 7 = 3 THEN NULL ELSE i % 2 = 0 END AS b,
          CASE WHEN i % 7 = 3 THEN NULL ELSE (i % 100 - 50)::TINYINT END AS ti,
          CASE WHEN i % 7 = 3 THEN NULL ELSE (i * 300 - 30000)::SMALLINT END AS si,
          CASE WHEN i % 7 = 3 THEN NULL ELSE (i * 20000000 - 2000000000)::INTEGER END AS ii,
          CASE WHEN i % 7 = 3 THEN NULL ELSE (i * 1000000007 - 9007199254740993)::BIGINT END AS bi,
          (i * 1000000007 - 9007199254740993)::BIGINT AS bi_full,
          CASE WHEN i % 7 = 3 THEN NULL ELSE (200 + i % 50)::UTINYINT END AS uti,
          CASE WHEN i % 7 = 3 THEN NULL ELSE (60000 + i)::USMALLINT END AS usi,
          CASE WHEN i % 7 = 3 THEN NULL ELSE (4000000000 + i)::UINTEGER END AS ui,
          CASE WHEN i % 7 = 3 THEN NULL ELSE (18446744073709551615 - i)::UBIGINT END AS ubi,
          (18446744073709551615 - i)::UBIGINT AS ubi_full,
          CASE WHEN i % 7 = 3 THEN NULL ELSE (i / 3.0)::FLOAT END AS f,
          CASE WHEN i % 7 = 3 THEN NULL ELSE (i / 3.0)::DOUBLE END AS d,
          CASE WHEN i % 7 = 3 THEN NULL ELSE (i / 7.0)::DECIMAL(4,2) END AS dec4,
          CASE WHEN i % 7 = 3 THEN NULL ELSE (i * 12345.678901 - 1000)::DECIMAL(18,6) END AS dec18,
          CASE WHEN i % 7 = 3 THEN NULL ELSE (i * 12345.678901 - 1000)::DECIMAL(38,10) END AS dec38,
          (i + 123456789012345678901234)::DECIMAL(38,0) AS dec38_id,
          CASE WHEN i % 7 = 3 THEN NULL ELSE (-12345678901234567890123456789.123456789 - i * 1.000000001)::DECIMAL(38,9) END AS dec38_wide,
          CASE WHEN i % 7 = 3 THEN NULL ELSE ((i - 10) * 12345678901234567890123456789012345678 // 10)::DECIMAL(38,0) END AS dec38_huge,
          CASE WHEN i % 7 = 3 THEN NULL ELSE 'word ' || i END AS s,
          CASE WHEN i % 7 = 3 THEN NULL ELSE DATE '2024-01-30' + i::INTEGER END AS dt,
          CASE WHEN i % 7 = 3 THEN NULL ELSE TIMESTAMP '2024-01-30 12:34:56.789123' + to_seconds(i) END AS ts,
          CASE WHEN i % 7 = 3 THEN NULL ELSE (TIMESTAMP '2024-01-30 12:34:56.789' + to_seconds(i))::TIMESTAMP_MS END AS ts_ms,
          CASE WHEN i % 7 = 3 THEN NULL ELSE (TIMESTAMP '1969-12-31 23:59:58' + to_seconds(i))::TIMESTAMP_S END AS ts_s,
          CASE WHEN i % 7 = 3 THEN NULL ELSE make_timestamp_ns(i * 500000001 - 876543211) END AS ts_ns,
          CASE WHEN i % 7 = 3 THEN NULL ELSE ('2024-01-30 12:34:56.000000001'::TIMESTAMP_NS + to_seconds(i))::TIMESTAMPTZ END AS tstz_from_ns,
          CASE WHEN i % 7 = 3 THEN NULL ELSE TIMESTAMPTZ '2024-01-30 12:34:56.5+02' + to_seconds(i) END AS tstz,
          CASE WHEN i % 7 = 3 THEN NULL ELSE TIME '12:34:56.789' + to_seconds(i) END AS t,
          CASE WHEN i % 7 = 3 THEN NULL ELSE TIMETZ '12:34:56.5+02' END AS ttz,
          CASE WHEN i % 7 = 3 THEN NULL ELSE ('{"a": ' || i || ', "é": "x\\y"}')::JSON END AS js,
          CASE WHEN i % 7 = 3 THEN NULL ELSE ('\xAA\x00b\x5C''"' || i)::BLOB END AS bl,
          CASE WHEN i % 7 = 3 THEN NULL ELSE 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::UUID END AS u,
          CASE WHEN i % 7 = 3 THEN NULL ELSE (['sad','ok','happy'])[i % 3 + 1]::mood END AS e,
          NULL::DOUBLE AS allnull_d, NULL::VARCHAR AS allnull_s, NULL::INTEGER AS allnull_i,
          [i, i + 1] AS lst, {'a': i, 'b': 'x'} AS st,
          (i % 2)::DOUBLE AS target
        FROM range(0, 20) t(i)
        """;

    private static readonly string[] NumericColumns = ["id", "b", "ti", "si", "ii", "bi", "bi_full", "uti", "usi", "ui", "ubi", "ubi_full", "f", "d", "dec4", "dec18", "dec38", "dec38_id", "dec38_wide", "dec38_huge", "allnull_d", "allnull_i"];

    public DuckDbParquetTests() => _db.Execute("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')");

    private string WriteAllTypes(string name = "all.parquet", string compression = "SNAPPY", int rowGroupSize = 8) =>
        _db.WriteParquet(_files.Path(name), AllTypes, compression, rowGroupSize);

    /// <summary>Each column as text: strings as they are, numbers in round-trip form, nulls (and NaN) as null.</summary>
    private static string?[] Text(TableColumn column) => column switch
    {
        StringColumn s => s.Values,
        LongColumn l => l.Values.Select(v => (string?)v.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        DoubleColumn d => d.Values.Select(v => double.IsNaN(v) ? null : v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        _ => throw new InvalidOperationException(),
    };

    private void AssertPassthroughLikeDuckDb(string path, IReadOnlyList<TableColumn> columns)
    {
        foreach (var column in columns)
        {
            if (column is DoubleColumn d)
                Assert.Equal(_db.ColumnDoubles(path, column.Name), d.Values);
            else
                Assert.True(_db.ColumnText(path, column.Name).SequenceEqual(Text(column)),
                    $"{column.Name}: ours [{string.Join(" | ", Text(column))}] DuckDB [{string.Join(" | ", _db.ColumnText(path, column.Name))}]");
        }
    }

    private static readonly TableOptions Passthrough = TableOptions.AllColumns with { Exclude = ["lst", "st"] };

    [Fact]
    public void Every_flat_type_kept_as_passthrough_reads_as_DuckDB_prints_it_whole_and_in_chunks()
    {
        var path = WriteAllTypes();
        Assert.Equal("TIMESTAMP_NS", _db.Describe(path).Single(c => c.Name == "ts_ns").Type);
        var whole = TableReader.ReadAll(path, Passthrough).Columns();
        Assert.Equal(_db.Describe(path).Count - 2, whole.Count);
        AssertPassthroughLikeDuckDb(path, whole);
        using var reader = TableReader.Open(path, Passthrough);
        var chunks = reader.Chunks(3).ToList();
        Assert.Equal(7, chunks.Count);
        for (int c = 0; c < whole.Count; c++)
            Assert.Equal(Text(whole[c]), chunks.SelectMany(chunk => Text(chunk.Columns()[c])));
    }

    [Fact]
    public void Values_a_double_cannot_hold_exactly_are_kept_as_text()
    {
        var schema = TableReader.ReadSchema(WriteAllTypes(), Passthrough);
        foreach (var name in new[] { "bi", "ubi", "ubi_full", "dec4", "dec18", "dec38", "dec38_id", "dec38_wide", "dec38_huge", "dt", "ts", "ts_ns", "tstz", "t", "ttz", "js", "bl", "u", "e" })
            Assert.Equal((name, ColumnKind.String), (name, schema[name].Kind));
        Assert.Equal(ColumnKind.Long, schema["bi_full"].Kind);
        Assert.Equal(ColumnKind.Double, schema["ii"].Kind);
        Assert.Equal(ColumnKind.Double, schema["b"].Kind);   // booleans stay 0/1 (with NaN for nulls)
    }

    [Fact]
    public void Timestamps_do_not_depend_on_the_machine_time_zone()
    {
        var path = WriteAllTypes();
        var chunk = TableReader.ReadAll(path, Passthrough with { Passthrough = [], Features = ["ts", "tstz", "dt"], OtherColumns = ColumnRole.Passthrough, KeepTextColumns = true });
        Assert.Equal("2024-01-30 12:34:56.789123", chunk.Data.TextColumns["ts"][0]);
        Assert.Equal("2024-01-30 10:34:56.5+00", chunk.Data.TextColumns["tstz"][0]);
        Assert.Equal("2024-01-30", chunk.Data.TextColumns["dt"][0]);
    }

    [Fact]
    public void Numeric_boolean_and_decimal_features_read_as_DuckDB_casts_them_to_double()
    {
        var path = WriteAllTypes();
        var features = NumericColumns.Where(c => c != "id").ToArray();
        var data = TableReader.Load(path, new TableOptions { Target = "target", Features = features, AllowMissing = true });
        Assert.Equal(features, data.FeatureNames);
        for (int f = 0; f < features.Length; f++)
            Assert.Equal(_db.ColumnDoubles(path, features[f]), data.X.Column(f));
        Assert.Equal(_db.ColumnDoubles(path, "target"), data.Y);
    }

    [Theory]
    [InlineData("dt", "DATE")]
    [InlineData("ts", "TIMESTAMP")]
    [InlineData("tstz", "TIMESTAMP")]
    [InlineData("t", "TIME")]
    [InlineData("bl", "BLOB")]
    [InlineData("ttz", "TIME")]
    [InlineData("js", "JSON")]
    [InlineData("u", "Guid")]
    public void Date_time_and_binary_columns_as_numeric_features_are_an_error_naming_file_column_and_type(string column, string type)
    {
        var path = WriteAllTypes();
        var e = Assert.Throws<ParquetFormatException>(() => TableReader.Load(path, new TableOptions { Target = "target", Features = ["d", column], AllowMissing = true }));
        Assert.Equal(column, e.ColumnName);
        Assert.Contains(path, e.Message);
        Assert.Contains(type, e.Message);
        Assert.Contains("numeric feature", e.Message);
    }

    [Theory]
    [InlineData("lst")]
    [InlineData("st")]
    public void A_nested_column_is_an_error_naming_it_unless_left_out(string column)
    {
        var path = WriteAllTypes();
        Assert.Equal(ColumnRole.Excluded, TableReader.ReadSchema(path, TableOptions.AllColumns)[column].Role);   // carried along by nothing: left out
        var e = Assert.Throws<ParquetFormatException>(() => TableReader.Open(path, TableOptions.AllColumns with { Passthrough = [column] }));
        Assert.Equal(column, e.ColumnName);
        Assert.Contains("not supported", e.Message);
        Assert.Contains(path, e.Message);
        Assert.Contains(column == "lst" ? "LIST" : "STRUCT", e.Message);
        var used = Assert.Throws<ParquetFormatException>(() => TableReader.Load(path, new TableOptions { Target = "target", Features = ["d", column], AllowMissing = true }));
        Assert.Equal(column, used.ColumnName);
        var data = TableReader.Load(path, new TableOptions { Target = "target", Features = ["d", "f"], AllowMissing = true });
        Assert.Equal(20, data.Count);
    }

    [Theory]
    [InlineData("SNAPPY")]
    [InlineData("ZSTD")]
    [InlineData("GZIP")]
    [InlineData("UNCOMPRESSED")]
    public void Every_compression_with_dictionary_pages_and_many_small_row_groups_reads_like_DuckDB(string compression)
    {
        var path = _db.WriteParquet(_files.Path($"{compression}.parquet"), """
            SELECT i AS id, (i * 0.25)::DOUBLE AS x, 'cat' || (i % 3) AS color, (i % 5)::INTEGER AS small,
              CASE WHEN i % 11 = 0 THEN NULL ELSE 'k' || (i % 4) END AS maybe, (i % 2)::DOUBLE AS target
            FROM range(0, 5000) t(i)
            """, compression, rowGroupSize: 2048);
        var options = TableOptions.AllColumns;
        AssertPassthroughLikeDuckDb(path, TableReader.ReadAll(path, options).Columns());
        using var reader = TableReader.Open(path, options);
        Assert.Equal(5000, reader.Chunks(777).Sum(c => c.Count));
        var data = TableReader.Load(path, new TableOptions { Target = "target", Exclude = ["id"], KeepTextColumns = true, AllowMissing = true });
        Assert.Equal(["x", "small"], data.FeatureNames);
        Assert.Equal(_db.ColumnText(path, "color"), data.TextColumns["color"]);
        Assert.Null(data.TextColumns["maybe"][0]);
    }

    [Fact]
    public void Row_group_partitions_of_a_DuckDB_file_read_every_row_once_with_its_row_numbers()
    {
        var path = _db.WriteParquet(_files.Path("parts.parquet"),
            "SELECT i AS id, DATE '2020-01-01' + (i % 400)::INTEGER AS day, (i * 0.5)::DOUBLE AS x FROM range(0, 20000) t(i)", "ZSTD", rowGroupSize: 4096);
        var partitions = TablePartitioner.Split(path, 3);
        Assert.True(partitions.Count > 1);
        var ids = new List<long>();
        var days = new List<string?>();
        foreach (var partition in partitions)
        {
            using var reader = TableReader.Open(partition, TableOptions.AllColumns);
            foreach (var chunk in reader.Chunks(3000))
            {
                Assert.Equal(chunk.FirstRow, ((LongColumn)chunk.Passthrough[0]).Values[0]);
                ids.AddRange(((LongColumn)chunk.Passthrough[0]).Values);
                days.AddRange(((StringColumn)chunk.Passthrough[1]).Values);
            }
        }
        Assert.Equal(Enumerable.Range(0, 20000).Select(i => (long)i), ids);
        Assert.Equal(_db.ColumnText(path, "day"), days);
    }

    [Fact]
    public void An_empty_file_has_its_schema_and_no_chunks()
    {
        var path = _db.WriteParquet(_files.Path("empty.parquet"), "SELECT 1::INTEGER AS a, 'x' AS s, 2.5::DOUBLE AS target WHERE false");
        using var reader = TableReader.Open(path, TableOptions.AllColumns);
        Assert.Equal(["a", "s", "target"], reader.Schema.Columns.Select(c => c.Name));
        Assert.Empty(reader.Chunks(10));
        var e = Assert.Throws<ParquetFormatException>(() => TableReader.ReadAll(path, new TableOptions { Target = "target", Exclude = ["s"] }));
        Assert.Contains("no rows", e.Message);
    }

    [Fact]
    public void One_row_file_and_a_last_row_group_of_one_row_read_every_row()
    {
        var one = _db.WriteParquet(_files.Path("one.parquet"), "SELECT 7::BIGINT AS a, 1.5::DOUBLE AS target");
        var data = TableReader.Load(one, new TableOptions { Target = "target" });
        Assert.Equal((1, 7.0, 1.5), (data.Count, data.X[0, 0], data.Y![0]));
        var path = _db.WriteParquet(_files.Path("tail.parquet"), "SELECT i AS a, i::DOUBLE AS target FROM range(0, 2049) t(i)", rowGroupSize: 2048);
        using var reader = TableReader.Open(path, TableOptions.AllColumns);
        var rows = reader.Chunks(1000).SelectMany(c => ((LongColumn)c.Passthrough[0]).Values).ToArray();
        Assert.Equal(Enumerable.Range(0, 2049).Select(i => (long)i), rows);
    }

    [Fact]
    public void Column_names_with_spaces_unicode_and_differing_only_in_case_are_kept_apart()
    {
        var path = _db.WriteParquet(_files.Path("names.parquet"),
            "SELECT 1.5::DOUBLE AS \"unit price\", 2.5::DOUBLE AS \"größe €\", 3.0::DOUBLE AS \"A\", 4.0::DOUBLE AS \"a_\", 'x' AS \"naïve text\", 1.0::DOUBLE AS target");
        Assert.Equal(["unit price", "größe €", "A", "a_", "naïve text", "target"], _db.Describe(path).Select(c => c.Name));
        var data = TableReader.Load(path, new TableOptions { Target = "target", KeepTextColumns = true });
        Assert.Equal(["unit price", "größe €", "A", "a_"], data.FeatureNames);
        Assert.Equal([1.5, 2.5, 3.0, 4.0], data.X.Values);
        Assert.Equal("x", data.TextColumns["naïve text"][0]);
    }

    [Fact]
    public void Our_Parquet_output_reads_back_in_DuckDB_with_its_types_values_and_nulls()
    {
        var source = WriteAllTypes();
        var path = _files.Path("out.parquet");
        using (var reader = TableReader.Open(source, Passthrough))
        using (var writer = TableWriter.Create(path, rowGroupRows: 6))
            foreach (var chunk in reader.Chunks(4)) writer.Write(chunk);
        var types = _db.Describe(path).ToDictionary(c => c.Name, c => c.Type);
        Assert.Equal(("BIGINT", "DOUBLE", "DOUBLE", "VARCHAR", "VARCHAR"), (types["id"], types["d"], types["allnull_d"], types["s"], types["bi"]));
        Assert.Equal(_db.ColumnText(source, "d"), _db.ColumnText(path, "d"));   // a NULL stays NULL, not NaN
        Assert.Equal(0, int.Parse(_db.QueryText($"SELECT count(allnull_d) FROM '{path}'")[0][0]!));
        foreach (var name in new[] { "id", "bi", "ubi", "dec4", "dec18", "dec38", "dec38_id", "dec38_wide", "dec38_huge", "dt", "ts", "ts_ms", "ts_s", "ts_ns", "tstz", "t", "bl", "u", "e", "s" })
            Assert.Equal(_db.ColumnText(source, name), _db.ColumnText(path, name));
        // Dates, microsecond timestamps and decimals that fit .NET's decimal keep their type; the rest stays exact text.
        Assert.Equal(["DATE", "TIMESTAMP", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "DECIMAL(4,2)", "DECIMAL(18,6)", "VARCHAR", "VARCHAR", "VARCHAR"],
            new[] { "dt", "ts", "ts_ms", "tstz", "dec4", "dec18", "dec38", "ts_ns", "t" }.Select(n => types[n]));
    }

    [Fact]
    public void A_pandas_index_column_is_no_feature_but_can_be_kept_by_name()
    {
        // What df[df.x > 0].to_parquet() writes: the index as a column, named in the "pandas" metadata.
        const string pandas = """{"index_columns": ["__index_level_0__"], "columns": []}""";
        var path = _db.WriteParquet(_files.Path("pandas.parquet"),
            "SELECT i * 3 AS __index_level_0__, i * 0.5 AS x, (i % 2)::DOUBLE AS target FROM range(0, 6) t(i)",
            $"SNAPPY, KV_METADATA {{pandas: '{pandas}'}}");
        var data = TableReader.Load(path, new TableOptions { Target = "target" });
        Assert.Equal(["x"], data.FeatureNames);
        var all = TableReader.ReadAll(path, TableOptions.AllColumns);
        Assert.Equal(["x", "target"], all.Columns().Select(c => c.Name));
        var kept = TableReader.ReadAll(path, TableOptions.AllColumns with { Passthrough = ["__index_level_0__"] });
        Assert.Equal([0L, 3, 6, 9, 12, 15], ((LongColumn)kept.Passthrough[0]).Values);
        var named = TableReader.Load(path, new TableOptions { Target = "target", Features = ["__index_level_0__", "x"] });
        Assert.Equal(2, named.FeatureNames.Count);
    }

    [Fact]
    public async Task A_legacy_INT96_timestamp_as_Spark_writes_it_reads_as_DuckDB_prints_it()
    {
        // DuckDB cannot write INT96; Parquet.Net writes it as Spark and Impala do.
        var path = _files.Path("int96.parquet");
        var field = new Parquet.Schema.DateTimeDataField("t", Parquet.Schema.DateTimeFormat.Impala, isNullable: true);
        var schema = new Parquet.Schema.ParquetSchema(field);
        await using (var stream = File.Create(path))
        {
            await using var writer = await Parquet.ParquetWriter.CreateAsync(schema, stream);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<DateTime>(field, new DateTime?[] { new DateTime(2024, 1, 30, 12, 34, 56, 789, 123, DateTimeKind.Utc), null, new DateTime(1900, 2, 28) }.AsMemory());
        }
        var kept = TableReader.ReadAll(path, TableOptions.AllColumns);
        Assert.Equal(_db.ColumnText(path, "t"), ((StringColumn)kept.Passthrough[0]).Values);
        Assert.Equal("2024-01-30 12:34:56.789123", ((StringColumn)kept.Passthrough[0]).Values[0]);
        var output = _files.Path("int96_out.parquet");
        using (var writer = TableWriter.Create(output)) writer.Write(kept);
        Assert.Equal(_db.ColumnText(path, "t"), _db.ColumnText(output, "t"));
    }

    [Fact]
    public async Task Required_nanosecond_timestamps_and_wide_decimals_read_as_DuckDB_prints_them()
    {
        // pyarrow writes REQUIRED columns for non-nullable fields; DuckDB writes every column OPTIONAL.
        var path = _files.Path("required.parquet");
        var ns = new Parquet.Schema.DateTimeDataField("ns", Parquet.Schema.DateTimeFormat.Timestamp, isAdjustedToUTC: false,
            unit: Parquet.Schema.DateTimeTimeUnit.Nanos, isNullable: false);
        var wide = new Parquet.Schema.DecimalDataField("wide", 38, 4, isNullable: false);
        var schema = new Parquet.Schema.ParquetSchema(ns, wide);
        await using (var stream = File.Create(path))
        {
            await using var writer = await Parquet.ParquetWriter.CreateAsync(schema, stream);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<DateTime>(ns, new[] { new DateTime(2024, 1, 30, 12, 34, 56, 789, 123).AddTicks(4), new DateTime(1950, 6, 1) }.AsMemory());
            await group.WriteAsync<decimal>(wide, new[] { 1234567890123456789012.3456m, -0.0001m }.AsMemory());
        }
        var kept = TableReader.ReadAll(path, TableOptions.AllColumns);
        Assert.Equal(new string?[] { "2024-01-30 12:34:56.7891234", "1950-06-01 00:00:00" }, ((StringColumn)kept.Passthrough[0]).Values);
        AssertPassthroughLikeDuckDb(path, kept.Columns());
    }

    public void Dispose()
    {
        _db.Dispose();
        _files.Dispose();
    }
}
