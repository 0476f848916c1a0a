using System.Globalization;
using System.Text;
using Scalearn.Data;
using Scalearn.Data.Tables;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Jobs;
using Scalearn.Persistence;
using Scalearn.Tests.Data.Tables;
using Scalearn.Trees;

namespace Scalearn.Tests.Jobs;

public sealed class BatchPredictorTests : IDisposable
{
    private readonly TempFiles _files = new();

    /// <summary>id, x0..x2, target (3 classes from a rule on x0 and x1, so a tree learns it).</summary>
    private static string Csv(int rows, string header = "id,x0,x1,x2,target", Func<int, string?>? cell = null)
    {
        var rng = new global::Scalearn.Numerics.Rng(7);
        var text = new StringBuilder(header + "\n");
        for (int r = 0; r < rows; r++)
        {
            double a = Math.Round(rng.NextGaussian(), 4), b = Math.Round(rng.NextGaussian(), 4), c = Math.Round(rng.NextGaussian(), 4);
            int y = a > 0.5 ? 2 : b > 0 ? 1 : 0;
            text.Append(CultureInfo.InvariantCulture, $"id{r},{cell?.Invoke(r) ?? a.ToString("R", CultureInfo.InvariantCulture)},{b:R},{c:R},{y}\n");
        }
        return text.ToString();
    }

    private (string Model, Dataset Data) Fit(string csv, IReadOnlyList<string>? names = null)
    {
        var data = TableReader.Load(csv, new TableOptions { Exclude = ["id"] });
        var model = (IPersistableModel)new DecisionTreeClassifier { MaxDepth = 4, RandomState = 0 }.Fit(data);
        var path = _files.Path(Guid.NewGuid().ToString("N") + ".scalearn");
        ModelFile.Save(path, model, null, names ?? data.FeatureNames);
        return (path, data);
    }

    [Fact]
    public async Task Predictions_come_in_input_order_with_kept_columns_and_probabilities()
    {
        var csv = _files.Write("data.csv", Csv(2_345));
        var (modelPath, data) = Fit(csv);
        var model = (IClassifierModel)ModelFile.Load(modelPath).Model;
        var output = _files.Path("out.csv");

        var summary = await BatchPredictor.RunAsync(new LocalExecutor(2), modelPath, csv, output,
            new BatchPredictOptions { BatchSize = 100, Proba = true, Keep = ["id", "x1"], Target = "target" });

        var written = TableReader.ReadAll(output, TableOptions.AllColumns);
        Assert.Equal(["id", "x1", "prediction", "proba_0", "proba_1", "proba_2"], written.Schema.Columns.Select(c => c.Name));
        Assert.Equal(Enumerable.Range(0, 2_345).Select(i => "id" + i), ((StringColumn)written.Passthrough[0]).Values);
        Assert.Equal(data.X.Column(1), ((DoubleColumn)written.Passthrough[1]).Values);
        Assert.Equal(model.Predict(data), ((DoubleColumn)written.Passthrough[2]).Values);
        Assert.Equal(model.PredictProba(data).Column(2), ((DoubleColumn)written.Passthrough[5]).Values);
        Assert.Equal(2_345, summary.Rows);
        Assert.Equal(model.Score(data), summary.Score!.Value, 12);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(output)!, "*.partial*").Concat([output]));
    }

    [Theory]
    [InlineData("out.csv")]
    [InlineData("out.parquet")]
    public async Task A_file_without_rows_gives_an_output_with_the_columns_and_no_rows(string name)
    {
        var (modelPath, _) = Fit(_files.Write("train.csv", Csv(300)));
        var empty = _files.Write("empty.csv", "id,x0,x1,x2,target\n");
        var output = _files.Path(name);

        var summary = await BatchPredictor.RunAsync(new LocalExecutor(2), modelPath, empty, output,
            new BatchPredictOptions { Proba = true, Keep = ["id", "x1"], Target = "target" });

        using var written = TableReader.Open(output, TableOptions.AllColumns);
        Assert.Equal(["id", "x1", "prediction", "proba_0", "proba_1", "proba_2"], written.Schema.Columns.Select(c => c.Name));
        Assert.Empty(written.ReadAhead(100));
        Assert.Equal(0, summary.Rows);
    }

    [Fact]
    public async Task Identical_chunks_in_flight_together_are_each_answered()
    {
        // Without the id column, 100 repeated rows make every chunk of 100 the same content-addressed input: the first
        // answered must not take it away from the others still in flight.
        var block = string.Concat(Csv(100).Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => l[(l.IndexOf(',') + 1)..] + "\n"));
        var csv = _files.Write("repeated.csv", "x0,x1,x2,target\n" + string.Concat(Enumerable.Repeat(block, 40)));
        var data = TableReader.Load(csv, new TableOptions());
        var modelPath = _files.Path("repeated.scalearn");
        ModelFile.Save(modelPath, (IPersistableModel)new DecisionTreeClassifier { MaxDepth = 4, RandomState = 0 }.Fit(data), null, data.FeatureNames);
        var output = _files.Path("repeated_out.csv");

        await BatchPredictor.RunAsync(new LocalExecutor(2), modelPath, csv, output, new BatchPredictOptions { BatchSize = 100, Target = "target" });

        var model = (IClassifierModel)ModelFile.Load(modelPath).Model;
        Assert.Equal(model.Predict(data), ((DoubleColumn)TableReader.ReadAll(output, TableOptions.AllColumns).Passthrough[0]).Values);
    }

    [Fact]
    public async Task Columns_are_matched_to_the_models_feature_names_in_any_order()
    {
        var (modelPath, data) = Fit(_files.Write("train.csv", Csv(500)));
        var reordered = _files.Write("reordered.csv", Reorder(Csv(500)));
        var output = _files.Path("reordered.parquet");

        await BatchPredictor.RunAsync(new LocalExecutor(2), modelPath, reordered, output, new BatchPredictOptions { BatchSize = 64, Keep = ["id"], Target = "target" });

        var predicted = TableReader.ReadAll(output, TableOptions.AllColumns);
        Assert.Equal(((IPredictor)ModelFile.Load(modelPath).Model).Predict(data), ((DoubleColumn)predicted.Passthrough[1]).Values);

        static string Reorder(string csv) => string.Join("\n", csv.TrimEnd('\n').Split('\n').Select(line =>
        {
            var cells = line.Split(',');
            return string.Join(",", cells[3], cells[4], cells[0], cells[1], cells[2]);   // x2,target,id,x0,x1
        })) + "\n";
    }

    [Fact]
    public async Task Missing_and_unexpected_columns_are_refused_by_name()
    {
        var (modelPath, _) = Fit(_files.Write("train.csv", Csv(200)));
        var missing = _files.Write("missing.csv", Csv(20, "id,x0,x1,x9,target"));
        var output = _files.Path("out.csv");

        var e = await Assert.ThrowsAsync<ArgumentException>(() => BatchPredictor.RunAsync(new LocalExecutor(1), modelPath, missing, output,
            new BatchPredictOptions { Keep = ["id"], Target = "target" }));
        Assert.Contains("'x2'", e.Message);

        e = await Assert.ThrowsAsync<ArgumentException>(() => BatchPredictor.RunAsync(new LocalExecutor(1), modelPath,
            _files.Write("extra.csv", Csv(20)), output, new BatchPredictOptions { Target = "target" }));
        Assert.Contains("'id'", e.Message);
        Assert.Contains("--keep", e.Message);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Without_recorded_names_only_the_feature_count_is_checked()
    {
        // Fitted on a bare matrix (no column names), as a model from before names were recorded.
        var data = TableReader.Load(_files.Write("train.csv", Csv(200)), new TableOptions { Exclude = ["id"] });
        var unnamed = _files.Path("unnamed.scalearn");
        ModelFile.Save(unnamed, (IPersistableModel)new DecisionTreeClassifier { MaxDepth = 4, RandomState = 0 }.Fit(new Dataset(data.X, data.Y)));

        var e = await Assert.ThrowsAsync<ArgumentException>(() => BatchPredictor.RunAsync(new LocalExecutor(1), unnamed,
            _files.Write("more.csv", Csv(20)), _files.Path("out.csv"), new BatchPredictOptions { Target = "target" }));
        Assert.Contains("3 features", e.Message);
        Assert.Contains("4 feature columns", e.Message);
    }

    [Fact]
    public async Task A_bad_cell_deep_in_the_file_names_its_row_and_column_and_leaves_no_output()
    {
        var (modelPath, _) = Fit(_files.Write("train.csv", Csv(200)));
        var bad = _files.Write("bad.csv", Csv(5_000, cell: r => r == 4_321 ? "oops" : null));
        var output = _files.Path("bad-out.csv");

        var e = await Assert.ThrowsAnyAsync<DataFormatException>(() => BatchPredictor.RunAsync(new LocalExecutor(2), modelPath, bad, output,
            new BatchPredictOptions { BatchSize = 500, Keep = ["id"], Target = "target" }));

        Assert.Contains("oops", e.Message);
        Assert.Contains("x0", e.Message);
        Assert.Contains("4323", e.Message);   // line 4323: the header, then 4,321 rows before it
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(output)!, "bad-out*"));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(output)!, ".bad-out*"));
        // No hint naming a reader option that predict gives no way to set.
        Assert.DoesNotContain("KeepTextColumns", e.Message);

        var hole = _files.Write("hole.csv", Csv(50, cell: r => r == 7 ? "" : null));
        e = await Assert.ThrowsAnyAsync<DataFormatException>(() => BatchPredictor.RunAsync(new LocalExecutor(1), modelPath, hole, output,
            new BatchPredictOptions { Keep = ["id"], Target = "target" }));
        Assert.Contains("missing value", e.Message);
        Assert.Contains("line 9", e.Message);
        Assert.DoesNotContain("AllowMissing", e.Message);
    }

    [Fact]
    public async Task A_truncated_parquet_file_is_a_clear_error()
    {
        var (modelPath, _) = Fit(_files.Write("train.csv", Csv(200)));
        var parquet = _files.Path("data.parquet");
        await BatchPredictor.RunAsync(new LocalExecutor(1), modelPath, _files.Write("data.csv", Csv(3_000)), _files.Path("p.csv"),
            new BatchPredictOptions { Keep = ["id"], Target = "target" });
        using (var reader = TableReader.Open(_files.Path("data.csv"), TableOptions.AllColumns))
        using (var writer = TableWriter.Create(parquet))
            foreach (var chunk in reader.Chunks(1_000)) writer.Write(chunk);
        var bytes = File.ReadAllBytes(parquet);
        File.WriteAllBytes(parquet, bytes[..(bytes.Length * 2 / 3)]);

        var e = await Assert.ThrowsAnyAsync<DataFormatException>(() => BatchPredictor.RunAsync(new LocalExecutor(1), modelPath, parquet,
            _files.Path("t.csv"), new BatchPredictOptions { Keep = ["id"], Target = "target" }));
        Assert.Contains("data.parquet", e.Message);
        Assert.False(File.Exists(_files.Path("t.csv")));
    }

    [Fact]
    public async Task Bad_options_are_refused()
    {
        var (modelPath, _) = Fit(_files.Write("train.csv", Csv(100)));
        var csv = _files.Path("train.csv");
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => BatchPredictor.RunAsync(new LocalExecutor(1), modelPath, csv, _files.Path("o.csv"),
            new BatchPredictOptions { BatchSize = 0 }));
        var e = await Assert.ThrowsAsync<ArgumentException>(() => BatchPredictor.RunAsync(new LocalExecutor(1), modelPath, csv, _files.Path("o.csv"),
            new BatchPredictOptions { Keep = ["nope"], Target = "target" }));
        Assert.Contains("'nope'", e.Message);
    }

    public void Dispose() => _files.Dispose();
}
