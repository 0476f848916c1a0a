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

public sealed class GroupTrainerTests : IDisposable
{
    private readonly TempFiles _files = new();

    /// <summary>Groups interleaved: "big" 300 rows, "mid" 90, "tiny" 2; y = group slope x a + b.</summary>
    private string Csv()
    {
        var rng = new global::Scalearn.Numerics.Rng(5);
        var text = new StringBuilder("store,a,b,target\n");
        var sizes = new Dictionary<string, int> { ["big"] = 300, ["mid"] = 90, ["tiny"] = 2 };
        var slopes = new Dictionary<string, double> { ["big"] = 3, ["mid"] = -2, ["tiny"] = 1 };
        for (int r = 0; sizes.Values.Any(v => v > 0); r++)
        {
            string g = (r % 5) switch { 0 or 1 or 2 when sizes["big"] > 0 => "big", 3 when sizes["mid"] > 0 => "mid", _ when sizes["tiny"] > 0 && r > 200 => "tiny",
                _ => sizes["big"] > 0 ? "big" : sizes["mid"] > 0 ? "mid" : "tiny" };
            sizes[g]--;
            double a = Math.Round(rng.NextGaussian(), 4), b = Math.Round(rng.NextGaussian(), 4);
            text.Append(CultureInfo.InvariantCulture, $"{g},{a:R},{b:R},{(slopes[g] * a + b):R}\n");
        }
        return _files.Write("stores.csv", text.ToString());
    }

    private static EstimatorSpec Tree => EstimatorSpec.Of(new DecisionTreeRegressor { MaxDepth = 3 });

    [Fact]
    public async Task Fits_one_model_per_group_whatever_the_packing()
    {
        var csv = Csv();
        var one = await GroupTrainer.RunAsync(new LocalExecutor(1), csv, Tree, new GroupTrainOptions { GroupBy = "store" });
        var three = await GroupTrainer.RunAsync(new LocalExecutor(3), csv, Tree, new GroupTrainOptions { GroupBy = "store" });

        Assert.Equal(["big", "mid", "tiny"], one.Select(f => f.Key).OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(one.Select(f => (f.Key, f.Rows, f.Score)), three.Select(f => (f.Key, f.Rows, f.Score)));
        Assert.Equal([300, 90, 2], one.OrderByDescending(f => f.Rows).Select(f => f.Rows));

        var all = TableReader.ReadAll(csv, new TableOptions { Group = "store" });
        var big = Enumerable.Range(0, all.Count).Where(i => ((StringColumn)all.Group!).Values[i] == "big").ToArray();
        var direct = (IPredictor)new DecisionTreeRegressor { MaxDepth = 3 }.Fit(all.Data.Rows(big));
        var shipped = (IPredictor)ModelFile.Load(new MemoryStream(one.Single(f => f.Key == "big").Model!)).Model;
        Assert.Equal(direct.Predict(all.Data.Rows(big)), shipped.Predict(all.Data.Rows(big)));
    }

    [Fact]
    public async Task Each_fit_is_handed_to_received_as_it_arrives_and_its_answer_is_kept()
    {
        var seen = new List<GroupFit>();
        var fits = await GroupTrainer.RunAsync(new LocalExecutor(2), Csv(), Tree, new GroupTrainOptions
        {
            GroupBy = "store", Received = fit => { seen.Add(fit); return fit with { Model = null }; },
        });

        Assert.Equal(["big", "mid", "tiny"], seen.Select(f => f.Key).OrderBy(k => k, StringComparer.Ordinal));
        Assert.All(seen, f => Assert.NotNull(f.Model));
        Assert.All(fits, f => Assert.Null(f.Model));
        Assert.Equal(seen.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => (f.Key, f.Score)), fits.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => (f.Key, f.Score)));
    }

    [Fact]
    public async Task With_a_drop_each_task_writes_its_models_there_as_it_would_send_them()
    {
        var csv = Csv();
        var regressor = EstimatorSpec.Of(new DecisionTreeRegressor { MaxDepth = 3, RandomState = 0 });
        var classifier = EstimatorSpec.Of(new DecisionTreeClassifier { MaxDepth = 3, RandomState = 0 });
        string labelled = _files.Write("labelled.csv", string.Join("\n", File.ReadAllLines(csv).Select((line, i) => i == 0 ? line
            : string.Join(",", line.Split(',')[..^1].Append(double.Parse(line.Split(',')[^1], CultureInfo.InvariantCulture) > 0 ? "up" : "down")))) + "\n");
        foreach (var (data, spec) in new[] { (csv, regressor), (labelled, classifier) })
        {
            var sent = await GroupTrainer.RunAsync(new LocalExecutor(2), data, spec, new GroupTrainOptions { GroupBy = "store" });
            using var drop = ModelDrop.Open(_files.Path("models-" + Guid.NewGuid().ToString("N")));
            var dropped = await GroupTrainer.RunAsync(new LocalExecutor(2), data, spec, new GroupTrainOptions { GroupBy = "store", Drop = drop });

            Assert.Equal(sent.Select(f => (f.Key, f.Ok)), dropped.Select(f => (f.Key, f.Ok)));
            foreach (var (bytes, file) in sent.Zip(dropped).Where(p => p.First.Ok))
            {
                Assert.Null(file.Model);
                Assert.StartsWith(drop.Folder + Path.DirectorySeparatorChar, file.ModelFile);
                var model = ModelFile.Load(new MemoryStream(bytes.Model!)).Model;
                var written = ModelFile.Load(file.ModelFile!).Model;
                Assert.Equal(ModelFormats.WritePayload((IPersistableModel)model), ModelFormats.WritePayload((IPersistableModel)written));
                Assert.Equal((model as IClassifierModel)?.Classes, file.Classes);
                Assert.Equal(bytes.Classes, file.Classes);
            }
        }
    }

    [Fact]
    public async Task A_task_that_does_not_see_the_drop_sends_the_bytes()
    {
        var drop = ModelDrop.Open(_files.Path("models"));
        drop.Dispose();   // the marker is gone: as for a worker on another machine
        var fits = await GroupTrainer.RunAsync(new LocalExecutor(2), Csv(), Tree, new GroupTrainOptions { GroupBy = "store", Drop = drop });

        Assert.All(fits.Where(f => f.Ok), f => Assert.True(f.Model is not null && f.ModelFile is null));
        Assert.Empty(Directory.GetFiles(drop.Folder));
    }

    [Fact]
    public async Task A_failing_group_is_reported_with_its_error_and_the_others_fit()
    {
        var fits = await GroupTrainer.RunAsync(new LocalExecutor(2), Csv(), Tree,
            new GroupTrainOptions { GroupBy = "store", Grid = """{"max_depth":[2,4]}""", Cv = 3 });

        var tiny = fits.Single(f => f.Key == "tiny");
        Assert.False(tiny.Ok);
        Assert.Null(tiny.Model);
        Assert.False(string.IsNullOrEmpty(tiny.Error));
        Assert.All(fits.Where(f => f.Key != "tiny"), f => Assert.True(f.Ok, f.Error));
        Assert.All(fits.Where(f => f.Ok), f => Assert.Contains("max_depth", f.Params));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_missing_cell_fails_only_its_group_unless_the_estimator_takes_missing_values(bool onWorkers)
    {
        var lines = File.ReadAllLines(Csv());
        int mid = Array.FindIndex(lines, l => l.StartsWith("mid,", StringComparison.Ordinal));
        var parts = lines[mid].Split(',');
        lines[mid] = $"{parts[0]},,{parts[2]},{parts[3]}";
        var csv = _files.Write("holes.csv", string.Join("\n", lines) + "\n");

        var fits = await GroupTrainer.RunAsync(new LocalExecutor(2), csv, Tree, new GroupTrainOptions { GroupBy = "store", DataOnWorkers = onWorkers });
        var failed = fits.Single(f => !f.Ok);
        Assert.Equal("mid", failed.Key);
        Assert.Contains("NaN", failed.Error);
        Assert.All(fits.Where(f => f.Key != "mid"), f => Assert.True(f.Ok, f.Error));

        var imputed = EstimatorSpec.Of(new global::Scalearn.Pipelines.Pipeline(("impute", new global::Scalearn.Preprocessing.SimpleImputer()), ("tree", new DecisionTreeRegressor { MaxDepth = 3 })));
        fits = await GroupTrainer.RunAsync(new LocalExecutor(2), csv, imputed, new GroupTrainOptions { GroupBy = "store", DataOnWorkers = onWorkers });
        Assert.All(fits, f => Assert.True(f.Ok, f.Error));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Excluded_columns_such_as_a_text_id_are_not_features_and_features_picks_them(bool onWorkers)
    {
        var lines = File.ReadAllLines(Csv());
        var csv = _files.Write("ids.csv", string.Join("\n", lines.Select((l, i) => (i == 0 ? "id" : $"row-{i}") + "," + l)) + "\n");

        if (onWorkers)   // each task reads its rows itself, so each group fails with the reader's error
        {
            var failed = await GroupTrainer.RunAsync(new LocalExecutor(2), csv, Tree, new GroupTrainOptions { GroupBy = "store", DataOnWorkers = true });
            Assert.All(failed, f => Assert.Contains("column 'id'", f.Error));
        }
        else
        {
            var e = await Assert.ThrowsAnyAsync<Exception>(() => GroupTrainer.RunAsync(new LocalExecutor(2), csv, Tree, new GroupTrainOptions { GroupBy = "store" }));
            Assert.Contains("column 'id'", e.Message);
        }

        var dropped = await GroupTrainer.RunAsync(new LocalExecutor(2), csv, Tree, new GroupTrainOptions { GroupBy = "store", Exclude = ["id"], DataOnWorkers = onWorkers });
        var plain = await GroupTrainer.RunAsync(new LocalExecutor(2), Csv(), Tree, new GroupTrainOptions { GroupBy = "store" });
        Assert.Equal(plain.Select(f => (f.Key, f.Rows, f.Score)), dropped.Select(f => (f.Key, f.Rows, f.Score)));

        var onlyA = await GroupTrainer.RunAsync(new LocalExecutor(2), csv, Tree, new GroupTrainOptions { GroupBy = "store", Features = ["a"], DataOnWorkers = onWorkers });
        Assert.All(onlyA, f => Assert.Equal(["a"], ModelFile.Load(new MemoryStream(f.Model!)).FeatureNames));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Missing_group_keys_however_spelled_form_one_group_in_a_text_column_as_in_a_numeric_one(bool onWorkers)
    {
        // pandas.read_csv reads '', 'NA' and 'N/A' alike as NaN; groupby(dropna=False) then gives them one group.
        var lines = File.ReadAllLines(Csv());
        string[] missing = ["", "NA", "N/A", "null"];
        int m = 0;
        var text = lines.Select((l, i) => i > 0 && l.StartsWith("mid,", StringComparison.Ordinal) && i % 2 == 0 ? missing[m++ % missing.Length] + l[3..] : l);
        var csv = _files.Write("missing-keys.csv", string.Join("\n", text) + "\n");

        var fits = await GroupTrainer.RunAsync(new LocalExecutor(2), csv, Tree, new GroupTrainOptions { GroupBy = "store", DataOnWorkers = onWorkers });
        Assert.Equal(["", "big", "mid", "tiny"], fits.Select(f => f.Key).OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(m, fits.Single(f => f.Key == "").Rows);
        Assert.Equal(90 - m, fits.Single(f => f.Key == "mid").Rows);
    }

    [Fact]
    public async Task A_missing_group_column_is_refused_by_name()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => GroupTrainer.RunAsync(new LocalExecutor(1), Csv(), Tree, new GroupTrainOptions { GroupBy = "shop" }));
        Assert.Contains("'shop'", e.Message);
        Assert.Contains("store", e.Message);
    }

    public void Dispose() => _files.Dispose();
}
