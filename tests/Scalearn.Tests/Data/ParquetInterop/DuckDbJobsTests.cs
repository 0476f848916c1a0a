using Scalearn.Data;
using Scalearn.Data.Tables;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Jobs;
using Scalearn.Persistence;
using Scalearn.Tests.Data.Tables;
using Scalearn.Trees;

namespace Scalearn.Tests.Data.ParquetInterop;

/// <summary>The scale-out jobs on Parquet files written by DuckDB: kept and group columns come out as DuckDB prints them.</summary>
public sealed class DuckDbJobsTests : IDisposable
{
    private readonly TempFiles _files = new();
    private readonly DuckDb _db = new();

    /// <summary>Numeric features of several types, kept columns of the types a model cannot use, and a LIST column no job uses.</summary>
    private string Write(string name = "data.parquet") => _db.WriteParquet(_files.Path(name), """
        SELECT i AS id, (i * 1000000007 + 9007199254740993)::BIGINT AS big_id,
          CASE WHEN i % 9 = 0 THEN NULL ELSE i * 1000000007 + 9007199254740993 END AS null_big,
          (i % 3 = 0) AS flag, (i % 50)::TINYINT AS small, (i / 7.0)::DECIMAL(10,3) AS price, cos(i) AS x,
          DATE '2024-01-01' + (i % 5)::INTEGER AS day, TIMESTAMP '2024-01-01 00:00:00.123456' + to_seconds(i) AS ts,
          TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_seconds(i) AS tstz, (i + 123456789012345678901234)::DECIMAL(38,0) AS dec_id,
          [i, i] AS lst, {'k': i} AS st, CASE WHEN cos(i) > 0 THEN 1 ELSE 0 END AS target
        FROM range(0, 600) t(i)
        """, "ZSTD", 2048);

    private string FitTree(string path, string[] features)
    {
        var data = TableReader.Load(path, new TableOptions { Target = "target", Features = features });
        var model = (IPersistableModel)new DecisionTreeClassifier { MaxDepth = 3, RandomState = 0 }.Fit(data);
        var modelPath = _files.Path("tree.scalearn");
        ModelFile.Save(modelPath, model, null, data.FeatureNames);
        return modelPath;
    }

    [Theory]
    [InlineData("out.parquet")]
    [InlineData("out.csv")]
    public async Task Predict_keeps_dates_timestamps_big_integers_and_decimals_as_DuckDB_prints_them_and_leaves_nested_columns_out(string outName)
    {
        var path = Write();
        var modelPath = FitTree(path, ["flag", "small", "price", "x"]);
        var output = _files.Path(outName);
        string[] keep = ["id", "big_id", "null_big", "day", "ts", "tstz", "dec_id"];
        var summary = await BatchPredictor.RunAsync(new LocalExecutor(2), modelPath, path, output,
            new BatchPredictOptions { BatchSize = 128, Keep = keep, Target = "target" });
        Assert.Equal(600, summary.Rows);
        Assert.True(summary.Score > 0.9);
        Assert.Equal([.. keep, "prediction"], _db.Describe(output).Select(c => c.Name));
        foreach (var name in keep)
            Assert.Equal(_db.ColumnText(path, name), _db.ColumnText(output, name));
        if (outName.EndsWith(".parquet", StringComparison.Ordinal))
            Assert.Equal(["BIGINT", "BIGINT", "VARCHAR", "DATE", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "VARCHAR", "DOUBLE"],
                _db.Describe(output).Select(c => c.Type));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Predict_on_a_pandas_file_leaves_its_index_out_unless_the_model_used_it(bool indexIsFeature)
    {
        const string pandas = """{"index_columns": ["__index_level_0__"], "columns": []}""";
        var path = _db.WriteParquet(_files.Path("pandas.parquet"),
            "SELECT i * 3 AS __index_level_0__, cos(i) AS x, CASE WHEN cos(i) > 0 THEN 1 ELSE 0 END AS target FROM range(0, 200) t(i)",
            $"SNAPPY, KV_METADATA {{pandas: '{pandas}'}}");
        var modelPath = FitTree(path, indexIsFeature ? ["__index_level_0__", "x"] : ["x"]);
        var output = _files.Path("pandas_pred.csv");
        var summary = await BatchPredictor.RunAsync(new LocalExecutor(1), modelPath, path, output, new BatchPredictOptions { Target = "target" });
        Assert.Equal(200, summary.Rows);
        Assert.Equal(["prediction"], _db.Describe(output).Select(c => c.Name));
    }

    [Fact]
    public async Task Predict_with_a_nested_column_kept_is_an_error_naming_it()
    {
        var path = Write();
        var modelPath = FitTree(path, ["x", "small"]);
        var e = await Assert.ThrowsAsync<ParquetFormatException>(() => BatchPredictor.RunAsync(new LocalExecutor(1), modelPath, path, _files.Path("o.csv"),
            new BatchPredictOptions { Keep = ["id", "big_id", "null_big", "flag", "price", "day", "ts", "tstz", "dec_id", "lst", "st"], Target = "target" }));
        Assert.Equal("lst", e.ColumnName);
        Assert.Contains("LIST", e.Message);
    }

    [Theory]
    [InlineData("day")]
    [InlineData("tstz")]
    [InlineData("big_id")]
    [InlineData("flag")]
    public async Task Fit_groups_by_a_column_names_the_groups_as_DuckDB_prints_them(string groupBy)
    {
        var path = Write();
        var fits = await GroupTrainer.RunAsync(new LocalExecutor(2), path, EstimatorSpec.Of(new DecisionTreeClassifier { MaxDepth = 2 }),
            new GroupTrainOptions { GroupBy = groupBy, Features = ["x", "small"] });
        var expected = _db.QueryText($"SELECT DISTINCT CAST({groupBy} AS VARCHAR) FROM '{path}'").Select(r => r[0]!).Order(StringComparer.Ordinal);
        var keys = fits.Select(f => f.Key).Order(StringComparer.Ordinal);
        Assert.Equal(groupBy == "flag" ? ["0", "1"] : expected, keys);   // booleans group as 0/1, like numeric features
    }

    [Fact]
    public async Task Fit_groups_with_every_other_column_as_a_feature_names_the_nested_column()
    {
        var path = Write();
        var e = await Assert.ThrowsAnyAsync<DataFormatException>(() => GroupTrainer.RunAsync(new LocalExecutor(1), path,
            EstimatorSpec.Of(new DecisionTreeClassifier { MaxDepth = 2 }), new GroupTrainOptions { GroupBy = "day", Exclude = ["ts", "tstz", "dec_id", "null_big"] }));
        Assert.Equal("lst", e.ColumnName);
        Assert.Contains("--drop", e.Message);
    }

    public void Dispose()
    {
        _db.Dispose();
        _files.Dispose();
    }
}
