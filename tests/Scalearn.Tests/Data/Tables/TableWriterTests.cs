using Scalearn.Data.Tables;

namespace Scalearn.Tests.Data.Tables;

public sealed class TableWriterTests : IDisposable
{
    private readonly TempFiles _files = new();

    [Fact]
    public void Csv_writer_quotes_text_and_writes_round_trip_numbers()
    {
        var path = _files.Path("out.csv");
        using (var writer = TableWriter.Create(path))
        {
            writer.Write([
                new DoubleColumn("x", [0.1, 1.0 / 3, double.NaN, -0.0]),
                new LongColumn("n", [1, -2, long.MaxValue, 0]),
                new StringColumn("s", ["plain", "a,b", "say \"hi\"", null]),
            ]);
            writer.Write([new DoubleColumn("x", [1e-7]), new LongColumn("n", [5]), new StringColumn("s", ["two\nlines"])]);
            Assert.Equal(5, writer.RowsWritten);
        }
        Assert.Equal(
            "x,n,s\n0.1,1,plain\n0.3333333333333333,-2,\"a,b\"\n,9223372036854775807,\"say \"\"hi\"\"\"\n-0,0,\n1E-07,5,\"two\nlines\"\n",
            File.ReadAllText(path));
    }

    [Fact]
    public void Chunks_must_keep_the_first_chunks_columns()
    {
        using var writer = TableWriter.Create(_files.Path("mismatch.parquet"));
        writer.Write([new DoubleColumn("x", [1])]);
        Assert.Contains("differ from the first chunk's", Assert.Throws<ArgumentException>(() => writer.Write([new LongColumn("x", [1])])).Message);
        Assert.Contains("has 2 values", Assert.Throws<ArgumentException>(() =>
            writer.Write([new DoubleColumn("x", [1]), new DoubleColumn("y", [1, 2])])).Message);
    }

    [Fact]
    public void Unknown_extension_is_refused() =>
        Assert.Contains(".csv or .parquet", Assert.Throws<ArgumentException>(() => TableWriter.Create(_files.Path("out.xlsx"))).Message);

    [Fact]
    public void Csv_to_parquet_to_csv_is_byte_identical_for_round_trip_doubles()
    {
        var csv = _files.Write("in.csv", TempFiles.SampleCsv(3_000));
        var parquet = _files.Path("mid.parquet");
        var back = _files.Path("back.csv");
        Copy(csv, parquet);
        Copy(parquet, back);
        Assert.Equal(File.ReadAllBytes(csv), File.ReadAllBytes(back));
    }

    private static void Copy(string from, string to)
    {
        using var reader = TableReader.Open(from, TableOptions.AllColumns);
        using var writer = TableWriter.Create(to, rowGroupRows: 1_000);
        foreach (var chunk in reader.Chunks(512)) writer.Write(chunk);
    }

    public void Dispose() => _files.Dispose();
}
