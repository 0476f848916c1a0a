using System.Globalization;
using System.Text;
using Scalearn.Data;
using Scalearn.Data.Tables;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Jobs;
using Scalearn.Linear;
using Scalearn.Persistence;
using Scalearn.Tests.Data.Tables;
using Scalearn.Trees;

namespace Scalearn.Tests.Jobs;

public sealed class GroupRoutedPredictorTests : IDisposable
{
    private readonly TempFiles _files = new();

    /// <summary>id, store, x0, x1, target: store "a" has classes 0/1, "b" classes 1/2, "c" is listed as failed, "zz" has no model.</summary>
    private static string Csv(int rows, bool withUnknown)
    {
        var rng = new global::Scalearn.Numerics.Rng(3);
        var text = new StringBuilder("id,store,x0,x1,target\n");
        string[] stores = withUnknown ? ["a", "b", "c", "zz", "b"] : ["a", "b", "c", "b"];
        for (int r = 0; r < rows; r++)
        {
            string store = stores[r % stores.Length];
            double x0 = Math.Round(rng.NextGaussian(), 4), x1 = Math.Round(rng.NextGaussian(), 4);
            int y = store == "a" ? (x0 > 0 ? 1 : 0) : (x1 > 0 ? 2 : 1);
            text.Append(CultureInfo.InvariantCulture, $"id{r},{store},{x0:R},{x1:R},{y}\n");
        }
        return text.ToString();
    }

    /// <summary>A fit-groups folder (groups.csv, models/, fit-groups.json) written as fit-groups writes it.</summary>
    private (string Folder, Dictionary<string, IModel> Models) Folder(string train, Func<IEstimator> estimator)
    {
        string folder = _files.Path("groups-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "models"));
        var all = TableReader.ReadAll(train, new TableOptions { Group = "store", Exclude = ["id"] });
        var keys = ((StringColumn)all.Group!).Values;
        var models = new Dictionary<string, IModel>();
        var manifest = new List<(string, string?, double[]?)>();
        foreach (var key in new[] { "a", "b" })
        {
            var rows = Enumerable.Range(0, all.Count).Where(i => keys[i] == key).ToArray();
            var model = estimator().Fit(all.Data.Rows(rows));
            models[key] = model;
            ModelFile.Save(Path.Combine(folder, "models", key + ".scalearn"), (IPersistableModel)model, null, all.Data.FeatureNames);
            manifest.Add((key, $"models/{key}.scalearn", (model as IClassifierModel)?.Classes));
        }
        manifest.Add(("c", null, null));
        File.WriteAllText(Path.Combine(folder, GroupModels.TableName),
            "group,rows,score,params,fit_seconds,status,error\na,10,1,{},0.1,ok,\nb,10,1,{},0.1,ok,\nc,1,,,0,failed,too few rows\n");
        GroupModels.WriteManifest(folder, "store", "target", manifest);
        return (folder, models);
    }

    private static IEstimator Tree() => new DecisionTreeClassifier { MaxDepth = 3, RandomState = 0 };

    [Fact]
    public async Task Rows_go_to_their_groups_model_in_input_order_with_a_status_and_the_union_of_classes()
    {
        var (folder, models) = Folder(_files.Write("train.csv", Csv(400, withUnknown: false)), Tree);
        var data = _files.Write("data.csv", Csv(1_003, withUnknown: true));
        var output = _files.Path("out.csv");

        var summary = await GroupRoutedPredictor.RunAsync(new LocalExecutor(2), folder, data, output,
            new BatchPredictOptions { BatchSize = 97, Proba = true, Keep = ["id", "store"], Target = "target" });

        var written = TableReader.ReadAll(output, TableOptions.AllColumns with { TextColumns = ["status"] });
        Assert.Equal(["id", "store", "prediction", "proba_0", "proba_1", "proba_2", "status"], written.Schema.Columns.Select(c => c.Name));
        Assert.Equal(Enumerable.Range(0, 1_003).Select(i => "id" + i), ((StringColumn)written.Passthrough[0]).Values);
        var input = TableReader.ReadAll(data, new TableOptions { Group = "store", Exclude = ["id"] });
        var stores = ((StringColumn)input.Group!).Values;
        var status = ((StringColumn)written.Passthrough[6]).Values;
        Assert.Equal(stores.Select(s => s switch { "a" or "b" => "ok", "c" => "failed_group", _ => "unknown_group" }), status);
        var prediction = ((DoubleColumn)written.Passthrough[2]).Values;
        var proba = Enumerable.Range(3, 3).Select(c => ((DoubleColumn)written.Passthrough[c]).Values).ToArray();
        foreach (var key in new[] { "a", "b" })
        {
            var rows = Enumerable.Range(0, input.Count).Where(i => stores[i] == key).ToArray();
            var model = (IClassifierModel)models[key];
            Assert.Equal(model.Predict(input.Data.Rows(rows)), rows.Select(i => prediction[i]));
            var p = model.PredictProba(input.Data.Rows(rows));
            for (int c = 0; c < model.Classes.Length; c++)
                Assert.Equal(p.Column(c), rows.Select(i => proba[(int)model.Classes[c]][i]));
            int missing = key == "a" ? 2 : 0;   // a class the group's model lacks gets 0
            Assert.All(rows, i => Assert.Equal(0.0, proba[missing][i]));
        }
        Assert.All(Enumerable.Range(0, input.Count).Where(i => stores[i] is "c" or "zz"), i => Assert.True(double.IsNaN(prediction[i]) && double.IsNaN(proba[1][i])));
        Assert.Equal(1_003, summary.Rows);
        Assert.Equal("accuracy", summary.ScoreName);
        // The written file leaves the prediction empty for rows without a model.
        Assert.Contains("id3,zz,,,,,unknown_group", File.ReadAllText(output));
    }

    [Fact]
    public async Task Reading_the_rows_on_the_workers_writes_the_same_bytes()
    {
        var (folder, _) = Folder(_files.Write("train.csv", Csv(400, withUnknown: false)), Tree);
        var data = _files.Write("data.csv", Csv(2_000, withUnknown: true));
        string streamed = _files.Path("streamed.csv"), onWorkers = _files.Path("workers.csv");
        var options = new BatchPredictOptions { BatchSize = 150, Proba = true, Keep = ["x1", "id"], Target = "target" };

        await GroupRoutedPredictor.RunAsync(new LocalExecutor(2), folder, data, streamed, options);
        await GroupRoutedPredictor.RunAsync(new LocalExecutor(2), folder, data, onWorkers, options with { DataOnWorkers = true });

        Assert.Equal(File.ReadAllBytes(streamed), File.ReadAllBytes(onWorkers));
    }

    [Fact]
    public async Task A_kept_feature_is_written_as_the_file_has_it_streamed_and_on_the_workers()
    {
        var (folder, _) = Folder(_files.Write("train.csv", Csv(400, withUnknown: false)), Tree);
        string[] odd = ["12345678901234567", "1.50", "007", "-0.250", "3.0"];
        var lines = Csv(1_200, withUnknown: true).TrimEnd('\n').Split('\n');
        for (int r = 0; r < odd.Length; r++)
        {
            var cells = lines[r + 1].Split(',');
            cells[2] = odd[r];
            lines[r + 1] = string.Join(",", cells);
        }
        var data = _files.Write("data.csv", string.Join("\n", lines) + "\n");
        string kept = _files.Path("kept.csv"), onWorkers = _files.Path("workers.csv"), plain = _files.Path("plain.csv");
        var options = new BatchPredictOptions { BatchSize = 150, Proba = true, Keep = ["id", "x0"], Target = "target" };

        await GroupRoutedPredictor.RunAsync(new LocalExecutor(2), folder, data, kept, options);
        await GroupRoutedPredictor.RunAsync(new LocalExecutor(2), folder, data, onWorkers, options with { DataOnWorkers = true });
        await GroupRoutedPredictor.RunAsync(new LocalExecutor(2), folder, data, plain, options with { Keep = ["id"] });

        var output = File.ReadAllLines(kept);
        Assert.Equal(lines.Select(l => l.Split(',')[2]), output.Select(l => l.Split(',')[1]));
        // Everything but the kept x0 as without it: the same predictions, probabilities and statuses.
        Assert.Equal(File.ReadAllLines(plain), output.Select(l => string.Join(",", l.Split(',').Where((_, i) => i != 1))));
        Assert.Equal(File.ReadAllBytes(kept), File.ReadAllBytes(onWorkers));
    }

    [Fact]
    public async Task A_plain_model_read_on_the_workers_writes_the_same_bytes()
    {
        var train = _files.Write("train.csv", Csv(400, withUnknown: false));
        var fitted = TableReader.Load(train, new TableOptions { Exclude = ["id", "store"] });
        var modelPath = _files.Path("tree.scalearn");
        ModelFile.Save(modelPath, (IPersistableModel)Tree().Fit(fitted), null, fitted.FeatureNames);
        var data = _files.Write("data.csv", Csv(1_500, withUnknown: true));
        string streamed = _files.Path("streamed.csv"), onWorkers = _files.Path("workers.csv");
        var options = new BatchPredictOptions { BatchSize = 128, Proba = true, Keep = ["store", "x0"], Target = "target" };

        var a = await BatchPredictor.RunAsync(new LocalExecutor(2), modelPath, data, streamed, options with { Keep = ["id", "store", "x0"] });
        var b = await BatchPredictor.RunAsync(new LocalExecutor(2), modelPath, data, onWorkers, options with { Keep = ["id", "store", "x0"], DataOnWorkers = true });

        Assert.Equal(File.ReadAllBytes(streamed), File.ReadAllBytes(onWorkers));
        Assert.Equal(a.Score, b.Score);
    }

    [Fact]
    public async Task Probabilities_of_regressors_a_folder_without_manifest_and_a_file_without_the_group_column_are_refused()
    {
        var train = _files.Write("train.csv", Csv(200, withUnknown: false));
        var (folder, _) = Folder(train, () => new LinearRegression());
        var output = _files.Path("out.csv");
        var error = await Assert.ThrowsAsync<ArgumentException>(() => GroupRoutedPredictor.RunAsync(new LocalExecutor(1), folder, train, output,
            new BatchPredictOptions { Proba = true, Keep = ["id"], Target = "target" }));
        Assert.Contains("--proba", error.Message);

        var noStore = _files.Write("nostore.csv", "id,x0,x1\nr0,1,2\n");
        error = await Assert.ThrowsAsync<ArgumentException>(() => GroupRoutedPredictor.RunAsync(new LocalExecutor(1), folder, noStore, output,
            new BatchPredictOptions { Keep = ["id"] }));
        Assert.Contains("'store'", error.Message);

        var manifest = Path.Combine(folder, GroupModels.ManifestName);
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("models/a.scalearn", "../train.csv"));
        var outside = await Assert.ThrowsAsync<InvalidDataException>(() => GroupRoutedPredictor.RunAsync(new LocalExecutor(1), folder, train, output,
            new BatchPredictOptions { Keep = ["id"], Target = "target" }));
        Assert.Contains("outside", outside.Message);

        File.Delete(manifest);
        error = await Assert.ThrowsAsync<ArgumentException>(() => GroupRoutedPredictor.RunAsync(new LocalExecutor(1), folder, train, output,
            new BatchPredictOptions { Keep = ["id"], Target = "target" }));
        Assert.Contains(GroupModels.ManifestName, error.Message);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("out.csv")]
    [InlineData("out.parquet")]
    public async Task A_file_without_rows_gives_an_output_with_the_columns_and_no_rows(string name)
    {
        var (folder, _) = Folder(_files.Write("train.csv", Csv(200, withUnknown: false)), Tree);
        var empty = _files.Write("empty.csv", "id,store,x0,x1,target\n");
        var output = _files.Path(name);

        var summary = await GroupRoutedPredictor.RunAsync(new LocalExecutor(2), folder, empty, output,
            new BatchPredictOptions { Proba = true, Keep = ["id", "store"], Target = "target" });

        using var written = TableReader.Open(output, TableOptions.AllColumns);
        Assert.Equal(["id", "store", "prediction", "proba_0", "proba_1", "proba_2", "status"], written.Schema.Columns.Select(c => c.Name));
        Assert.Empty(written.ReadAhead(100));
        Assert.Equal(0, summary.Rows);
    }

    [Fact]
    public async Task Fit_groups_reading_on_the_workers_fits_the_same_models()
    {
        var train = _files.Write("train.csv", Csv(500, withUnknown: true).Replace("id", "n"));
        var data = _files.Write("groups.csv", string.Join("\n", File.ReadAllLines(train).Select(l => l[(l.IndexOf(',') + 1)..])) + "\n");
        var spec = EstimatorSpec.Of(new DecisionTreeClassifier { MaxDepth = 3, RandomState = 0 });
        var options = new GroupTrainOptions { GroupBy = "store" };
        var shipped = await GroupTrainer.RunAsync(new LocalExecutor(3), data, spec, options);
        var read = await GroupTrainer.RunAsync(new LocalExecutor(3), data, spec, options with { DataOnWorkers = true });

        Assert.Equal(shipped.Select(f => (f.Key, f.Rows, f.Score, f.Params, f.Ok)), read.Select(f => (f.Key, f.Rows, f.Score, f.Params, f.Ok)));
        var all = TableReader.Load(data, new TableOptions { Exclude = ["store"] }).All;
        static double[] Predict(byte[] model, DataView x) => ((IPredictor)ModelFile.Load(new MemoryStream(model)).Model).Predict(x);
        Assert.All(shipped.Zip(read), pair => Assert.Equal(Predict(pair.First.Model!, all), Predict(pair.Second.Model!, all)));
    }

    public void Dispose() => _files.Dispose();
}
