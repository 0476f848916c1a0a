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
    public async Task A_kept_feature_is_written_as_the_file_has_it_while_the_model_gets_its_values()
    {
        var (modelPath, _) = Fit(_files.Write("train.csv", Csv(300)));
        // A 17-digit integer (a double prints 12345678901234568) makes the column text, so every cell is carried as written.
        string[] odd = ["12345678901234567", "1.50", "007", "-0.250", "1e3", "3.0"];
        var csv = _files.Write("data.csv", Csv(1_000, cell: r => r < odd.Length ? odd[r] : null));
        string kept = _files.Path("kept.csv"), plain = _files.Path("plain.csv"), onWorkers = _files.Path("workers.csv");
        var options = new BatchPredictOptions { BatchSize = 128, Keep = ["id", "x0"], Target = "target" };

        var a = await BatchPredictor.RunAsync(new LocalExecutor(2), modelPath, csv, kept, options);
        var b = await BatchPredictor.RunAsync(new LocalExecutor(2), modelPath, csv, plain, options with { Keep = ["id"] });
        await BatchPredictor.RunAsync(new LocalExecutor(2), modelPath, csv, onWorkers, options with { DataOnWorkers = true });

        var input = File.ReadAllLines(csv).Select(l => l.Split(',')).ToArray();
        var output = File.ReadAllLines(kept).Select(l => l.Split(',')).ToArray();
        var without = File.ReadAllLines(plain).Select(l => l.Split(',')).ToArray();
        Assert.Equal(["id", "x0", "prediction"], output[0]);
        Assert.Equal(input.Length, output.Length);
        Assert.Equal(input.Select(cells => cells[1]), output.Select(cells => cells[1]));
        Assert.Equal(["12345678901234567", "1.50", "007"], output.Skip(1).Take(3).Select(cells => cells[1]));
        Assert.Equal(without.Select(cells => cells[1]), output.Select(cells => cells[2]));   // the same predictions as without --keep
        Assert.Equal(b.Score, a.Score);
        Assert.Equal(File.ReadAllBytes(kept), File.ReadAllBytes(onWorkers));
    }

    [Fact]
    public async Task A_kept_feature_is_written_as_a_kept_column_of_the_same_cells_that_is_no_feature()
    {
        var (modelPath, _) = Fit(_files.Write("train.csv", Csv(300)));
        string[] odd = ["1.50", "007", "-0.250", "1e3", "3.0"];
        var csv = _files.Write("data.csv", WithCopyOfX0(Csv(700, cell: r => r < odd.Length ? odd[r] : null)));
        string kept = _files.Path("kept.parquet"), onWorkers = _files.Path("workers.parquet");
        var options = new BatchPredictOptions { BatchSize = 100, Keep = ["id", "copy", "x0"], Target = "target" };

        await BatchPredictor.RunAsync(new LocalExecutor(2), modelPath, csv, kept, options);
        await BatchPredictor.RunAsync(new LocalExecutor(2), modelPath, csv, onWorkers, options with { DataOnWorkers = true });

        var written = TableReader.ReadAll(kept, TableOptions.AllColumns);
        Assert.Equal(written.Passthrough[1].Kind, written.Passthrough[2].Kind);
        Assert.Equal(((DoubleColumn)written.Passthrough[1]).Values, ((DoubleColumn)written.Passthrough[2]).Values);
        Assert.Equal(1.5, ((DoubleColumn)written.Passthrough[2]).Values[0]);
        Assert.Equal(File.ReadAllBytes(kept), File.ReadAllBytes(onWorkers));

        // An integer a double cannot hold after the rows the kind was decided from: refused as for any kept column, not rounded.
        var late = _files.Write("late.csv", Csv(700, cell: r => r == 400 ? "12345678901234567" : null));
        var e = await Assert.ThrowsAnyAsync<DataFormatException>(() => BatchPredictor.RunAsync(new LocalExecutor(2), modelPath, late, _files.Path("late-out.csv"),
            options with { Keep = ["id", "x0"], InferRows = 100 }));
        Assert.Contains("x0", e.Message);
        Assert.Contains("2^53", e.Message);
        Assert.False(File.Exists(_files.Path("late-out.csv")));
        await BatchPredictor.RunAsync(new LocalExecutor(2), modelPath, late, _files.Path("late-out.csv"), options with { Keep = ["id", "x0"], InferRows = 0 });
        Assert.Contains("\nid400,12345678901234567,", File.ReadAllText(_files.Path("late-out.csv")));

        static string WithCopyOfX0(string csv) => string.Join("\n", csv.TrimEnd('\n').Split('\n').Select(line =>
            line + "," + (line.StartsWith("id,", StringComparison.Ordinal) ? "copy" : line.Split(',')[1]))) + "\n";
    }

    [Fact]
    public async Task A_kept_parquet_int64_feature_or_target_stays_int64_with_exact_values()
    {
        const int Rows = 900;
        var rng = new global::Scalearn.Numerics.Rng(5);
        long[] big = Enumerable.Range(0, Rows).Select(r => 12345678901234567L + r).ToArray();
        double[] x1 = Enumerable.Range(0, Rows).Select(_ => Math.Round(rng.NextGaussian(), 3)).ToArray();
        long[] y = Enumerable.Range(0, Rows).Select(r => r % 2 == 0 && x1[r] > 0 ? 1L : 0L).ToArray();
        var parquet = _files.Path("ints.parquet");
        using (var writer = TableWriter.Create(parquet))
            writer.Write([new LongColumn("id", Enumerable.Range(0, Rows).Select(r => (long)r).ToArray()), new LongColumn("big", big),
                new DoubleColumn("x1", x1), new LongColumn("target", y)]);
        var data = TableReader.Load(parquet, new TableOptions { Exclude = ["id"] });
        var modelPath = _files.Path("ints.scalearn");
        var model = (IPredictor)new DecisionTreeClassifier { MaxDepth = 3, RandomState = 0 }.Fit(data);
        ModelFile.Save(modelPath, (IPersistableModel)model, null, data.FeatureNames);
        string kept = _files.Path("ints-out.parquet"), onWorkers = _files.Path("ints-workers.parquet");
        var options = new BatchPredictOptions { BatchSize = 256, Keep = ["id", "big", "x1", "target"], Target = "target" };

        await BatchPredictor.RunAsync(new LocalExecutor(2), modelPath, parquet, kept, options);
        await BatchPredictor.RunAsync(new LocalExecutor(2), modelPath, parquet, onWorkers, options with { DataOnWorkers = true });

        var written = TableReader.ReadAll(kept, TableOptions.AllColumns);
        Assert.Equal(big, ((LongColumn)written.Passthrough[1]).Values);
        Assert.Equal(x1, ((DoubleColumn)written.Passthrough[2]).Values);
        Assert.Equal(y, ((LongColumn)written.Passthrough[3]).Values);
        Assert.Equal(model.Predict(data), ((DoubleColumn)written.Passthrough[4]).Values);
        Assert.Equal([typeof(long), typeof(long), typeof(double), typeof(long), typeof(double)], await ParquetTypes(kept));
        Assert.Equal(File.ReadAllBytes(kept), File.ReadAllBytes(onWorkers));

        // A file without rows: the same schema.
        var empty = _files.Path("ints-empty.parquet");
        using (var writer = TableWriter.Create(empty))
            writer.Write([new LongColumn("id", []), new LongColumn("big", []), new DoubleColumn("x1", []), new LongColumn("target", [])]);
        var none = _files.Path("ints-none.parquet");
        await BatchPredictor.RunAsync(new LocalExecutor(2), modelPath, empty, none, options);
        Assert.Equal([typeof(long), typeof(long), typeof(double), typeof(long), typeof(double)], await ParquetTypes(none));

        static async Task<Type[]> ParquetTypes(string path)
        {
            await using var reader = await Parquet.ParquetReader.CreateAsync(path);
            return reader.Schema.DataFields.Select(f => f.ClrType).ToArray();
        }
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
    public async Task A_target_with_text_against_a_regressor_or_a_numeric_classifier_is_refused_by_name()
    {
        var train = _files.Write("train.csv", Csv(200));
        var data = TableReader.Load(train, new TableOptions { Exclude = ["id"] });
        var regressor = _files.Path("regressor.scalearn");
        ModelFile.Save(regressor, (IPersistableModel)new DecisionTreeRegressor { MaxDepth = 3 }.Fit(data), null, data.FeatureNames);
        var (classifier, _) = Fit(train);
        var text = _files.Write("text.csv", Csv(50).Replace(",1\n", ",1x\n"));
        var output = _files.Path("out.csv");

        var e = await Assert.ThrowsAsync<ArgumentException>(() => BatchPredictor.RunAsync(new LocalExecutor(1), regressor, text, output,
            new BatchPredictOptions { Keep = ["id"], Target = "target" }));
        Assert.Contains("the column 'target' of", e.Message);
        Assert.Contains("is a regressor", e.Message);
        e = await Assert.ThrowsAsync<ArgumentException>(() => BatchPredictor.RunAsync(new LocalExecutor(1), classifier, text, output,
            new BatchPredictOptions { Keep = ["id"], Target = "target" }));
        Assert.Contains("was fitted on numeric class labels", e.Message);
        Assert.False(File.Exists(output));
        await BatchPredictor.RunAsync(new LocalExecutor(1), regressor, text, output, new BatchPredictOptions { Keep = ["id", "target"] });   // no scoring: fine
        Assert.Equal(51, File.ReadAllLines(output).Length);
    }

    [Fact]
    public async Task Proba_from_a_model_without_probabilities_is_refused_before_the_job_with_scikit_learns_reason()
    {
        var train = _files.Write("train.csv", Csv(200));
        var data = TableReader.Load(train, new TableOptions { Exclude = ["id"] });
        var output = _files.Path("out.csv");
        foreach (var (estimator, reason) in new (IEstimator, string)[]
        {
            (new Scalearn.Linear.SGDClassifier { RandomState = 0 }, "loss='hinge'"),
            (new Scalearn.Pipelines.Pipeline(("scale", new Scalearn.Preprocessing.StandardScaler()), ("svc", new Scalearn.Svm.SVC())), "probability=false"),
        })
        {
            var model = _files.Path(Guid.NewGuid().ToString("N") + ".scalearn");
            ModelFile.Save(model, (IPersistableModel)estimator.Fit(data), null, data.FeatureNames);
            Assert.NotNull(((IClassifierModel)ModelFile.Load(model).Model).ProbabilityUnavailable);
            var e = await Assert.ThrowsAsync<ArgumentException>(() => BatchPredictor.RunAsync(new LocalExecutor(1), model, train, output,
                new BatchPredictOptions { Keep = ["id", "target"], Proba = true }));
            Assert.StartsWith("--proba:", e.Message);
            Assert.Contains(reason, e.Message);
            Assert.False(File.Exists(output));
            await BatchPredictor.RunAsync(new LocalExecutor(1), model, train, output, new BatchPredictOptions { Keep = ["id", "target"] });   // predictions alone: fine
            File.Delete(output);
        }
        Assert.Null(((IClassifierModel)new Scalearn.Linear.SGDClassifier { Loss = Scalearn.Linear.SgdLoss.LogLoss, RandomState = 0 }.Fit(data)).ProbabilityUnavailable);
        Assert.Null(((IClassifierModel)new Scalearn.Svm.SVC { Probability = true, RandomState = 0 }.Fit(data)).ProbabilityUnavailable);
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

        // A hole is a missing value the model decides on: this tree takes none, and says where it is.
        var hole = _files.Write("hole.csv", Csv(50, cell: r => r == 7 ? "" : null));
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => BatchPredictor.RunAsync(new LocalExecutor(1), modelPath, hole, output,
            new BatchPredictOptions { Keep = ["id"], Target = "target" }));
        Assert.Contains("does not accept missing", refused.Message);
        Assert.Contains("data row 8", refused.Message);
        Assert.Contains("'x0'", refused.Message);
        Assert.DoesNotContain("AllowMissing", refused.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("NA")]
    [InlineData("null")]
    public async Task A_model_that_imputes_predicts_rows_with_missing_cells_as_in_memory(string missing)
    {
        // scikit-learn: make_pipeline(SimpleImputer(), DecisionTreeClassifier()).predict(X) takes NaN in X.
        var train = _files.Write("train-holes.csv", Csv(300, cell: r => r % 10 == 3 ? missing : null));
        var data = TableReader.Load(train, new TableOptions { Exclude = ["id"], AllowMissing = true });
        var pipe = new global::Scalearn.Pipelines.Pipeline(("impute", new global::Scalearn.Preprocessing.SimpleImputer()),
            ("tree", new DecisionTreeClassifier { MaxDepth = 4, RandomState = 0 }));
        var model = (IClassifierModel)pipe.Fit(data);
        var modelPath = _files.Path("imputing.scalearn");
        ModelFile.Save(modelPath, (IPersistableModel)model, null, data.FeatureNames);
        var output = _files.Path("imputed.csv");

        await BatchPredictor.RunAsync(new LocalExecutor(2), modelPath, train, output,
            new BatchPredictOptions { BatchSize = 64, Keep = ["id"], Target = "target" });

        var written = TableReader.ReadAll(output, TableOptions.AllColumns);
        Assert.Equal(model.Predict(data), ((DoubleColumn)written.Passthrough[1]).Values);
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
