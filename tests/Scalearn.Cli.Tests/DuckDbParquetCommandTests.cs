using Scalearn.Tests.Data.ParquetInterop;

namespace Scalearn.Cli.Tests;

/// <summary>The commands on Parquet files written by DuckDB.</summary>
[Collection("console")]
public class DuckDbParquetCommandTests
{
    private const string Select = """
        SELECT i AS id, DATE '2024-01-30' + i::INTEGER AS day, (i / 8.0)::DECIMAL(12,3) AS price, (i % 3 = 0) AS flag,
          TIMESTAMP '2024-01-30 12:34:56.789123' + to_seconds(i) AS ts, [i, i] AS lst, {'k': i} AS st,
          CASE WHEN i % 4 = 1 THEN NULL ELSE 'w' || i END AS word, (i % 2)::DOUBLE AS target
        FROM range(0, 50) t(i)
        """;

    [Fact]
    public async Task Convert_names_a_nested_column_with_its_type_and_leaves_it_out_with_drop()
    {
        var dir = CliHarness.TempDir();
        using var db = new DuckDb();
        var parquet = db.WriteParquet(Path.Combine(dir, "in.parquet"), Select, rowGroupSize: 2048);
        var csv = Path.Combine(dir, "out.csv");

        var (exit, _, error) = await CliHarness.RunAsync("convert", parquet, csv);
        Assert.Equal(CliRunner.UsageError, exit);
        Assert.Contains("column 'lst'", error);
        Assert.Contains("LIST", error);
        Assert.Contains("--drop", error);
        Assert.False(File.Exists(csv));

        var done = await CliHarness.RunAsync("convert", parquet, csv, "--drop", "lst,st");
        Assert.True(done.Exit == 0, done.Err);
        Assert.Equal(["id", "day", "price", "flag", "ts", "word", "target"], db.Describe(csv).Select(c => c.Name));
        foreach (var column in new[] { "id", "day", "price", "ts", "word" })
            Assert.Equal(db.ColumnText(parquet, column), db.ColumnText(csv, column));
    }

    [Fact]
    public async Task Fit_stream_fit_groups_and_knn_run_on_a_file_with_nested_columns_they_do_not_use()
    {
        var dir = CliHarness.TempDir();
        using var db = new DuckDb();
        var parquet = db.WriteParquet(Path.Combine(dir, "in.parquet"), Select, rowGroupSize: 2048);
        var stream = await CliHarness.RunAsync("fit-stream", "--data", parquet, "--estimator", "SGDClassifier", "--chunk-size", "20",
            "--classes", "0,1", "--features", "price,flag", "--out", Path.Combine(dir, "s.scalearn"));
        Assert.True(stream.Exit == 0, stream.Err);
        var groups = await CliHarness.RunAsync("fit-groups", "--data", parquet, "--group-by", "day", "--estimator", "DecisionTreeClassifier",
            "--features", "price,flag", "--out", Path.Combine(dir, "groups"));
        Assert.True(groups.Exit == 0, groups.Err);
        Assert.Equal(db.QueryText($"SELECT CAST(day AS VARCHAR) FROM '{parquet}'").Select(r => r[0]),
            db.QueryText($"SELECT \"group\" FROM read_csv('{Path.Combine(dir, "groups", "groups.csv")}', all_varchar = true)").Select(r => r[0]).Order());
        var knn = await CliHarness.RunAsync("knn", "--index", parquet, "--queries", parquet, "--drop", "id,day,ts,lst,st,word,target",
            "--k", "2", "--out", Path.Combine(dir, "knn.csv"));
        Assert.True(knn.Exit == 0, knn.Err);
    }

    [Fact]
    public async Task Fit_and_predict_on_DuckDB_Parquet_keep_dates_and_decimals_as_DuckDB_prints_them()
    {
        var dir = CliHarness.TempDir();
        using var db = new DuckDb();
        var parquet = db.WriteParquet(Path.Combine(dir, "in.parquet"), Select, rowGroupSize: 2048);
        var model = Path.Combine(dir, "m.scalearn");
        var fit = await CliHarness.RunAsync("fit", "--data", parquet, "--estimator", "DecisionTreeClassifier", "--features", "price,flag", "--out", model);
        Assert.True(fit.Exit == 0, fit.Err);
        var wrong = await CliHarness.RunAsync("fit", "--data", parquet, "--estimator", "DecisionTreeClassifier", "--features", "price,day", "--out", model, "--force");
        Assert.Equal(CliRunner.UsageError, wrong.Exit);
        Assert.Contains("column 'day'", wrong.Err);
        Assert.Contains("DATE", wrong.Err);
        Assert.Contains("--drop", wrong.Err);
        Assert.Contains("--categorical day", wrong.Err);

        var output = Path.Combine(dir, "pred.parquet");
        var predict = await CliHarness.RunAsync("predict", "--model", model, "--data", parquet, "--target", "target",
            "--keep", "id,day,ts,word", "--out", output);
        Assert.True(predict.Exit == 0, predict.Err);
        Assert.Equal(["id", "day", "ts", "word", "prediction"], db.Describe(output).Select(c => c.Name));
        foreach (var column in new[] { "id", "day", "ts", "word" })
            Assert.Equal(db.ColumnText(parquet, column), db.ColumnText(output, column));
    }
}
