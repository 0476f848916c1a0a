using Scalearn.Data;
using Scalearn.Data.Tables;
using Scalearn.Estimators;
using Scalearn.Linear;
using Scalearn.ModelSelection;
using Scalearn.Persistence;
using Scalearn.Pipelines;
using Scalearn.Preprocessing;
using Scalearn.Trees;

namespace Scalearn.Tests.ModelColumns;

/// <summary>Models remember the columns they were fitted on and match every prediction's input to them by name.</summary>
public sealed class ModelColumnsTests : IDisposable
{
    private static readonly string[] IrisColumns = ["sepal_length", "sepal_width", "petal_length", "petal_width"];
    private readonly Scalearn.Tests.Data.Tables.TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>The bundled iris as CSV text, with its columns in <paramref name="order"/> (the target named as written).</summary>
    private static string IrisCsv(IReadOnlyList<string> order, Func<double, string>? label = null)
    {
        var iris = TestData.Load("iris");
        var lines = new List<string> { string.Join(",", order) };
        for (int i = 0; i < iris.Count; i++)
            lines.Add(string.Join(",", order.Select(c => c == "target"
                ? (label ?? (v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)))(iris.Y![i])
                : iris.X[i, Array.IndexOf(IrisColumns, c)].ToString("R", System.Globalization.CultureInfo.InvariantCulture))));
        return string.Join("\n", lines) + "\n";
    }

    private static string Species(double code) => ((int)code) switch { 0 => "setosa", 1 => "versicolor", _ => "virginica" };

    private static IClassifierModel FitTree(Dataset data) => (IClassifierModel)new DecisionTreeClassifier { RandomState = 0 }.Fit(data);

    [Fact]
    public void Fit_records_the_feature_names_and_target()
    {
        var model = FitTree(TestData.Load("iris"));
        Assert.Equal(IrisColumns, model.FeatureNames);
        Assert.Equal("target", model.Schema!.TargetName);
        Assert.Null(model.ClassNames);
    }

    [Fact]
    public void A_reordered_columns_file_gives_the_same_predictions_as_the_original_order()
    {
        var original = BundledDatasets.Load(_files.Write("iris.csv", IrisCsv([.. IrisColumns, "target"])));
        var reordered = BundledDatasets.Load(_files.Write("shuffled.csv", IrisCsv(["petal_width", "target", "sepal_length", "petal_length", "sepal_width"])));
        foreach (var estimator in new IEstimator[] { new DecisionTreeClassifier { RandomState = 0 }, new LogisticRegression(), new LinearRegression() })
        {
            var model = (IPredictor)estimator.Fit(original);
            Assert.Equal(model.Predict(original), model.Predict(reordered));
            Assert.Equal(model.Score(original), model.Score(reordered));
            Assert.Equal(IrisColumns, model.Align(reordered).FeatureNames);
        }
        var classifier = FitTree(original);
        Assert.Equal(classifier.PredictProba(original).Values, classifier.PredictProba(reordered).Values);
    }

    [Fact]
    public void A_renamed_columns_file_is_refused_naming_the_missing_and_unexpected_columns()
    {
        var model = FitTree(TestData.Load("iris"));
        var renamed = BundledDatasets.Load(_files.Write("renamed.csv",
            IrisCsv([.. IrisColumns, "target"]).Replace("petal_width,", "PetalWidth,", StringComparison.Ordinal)));
        var e = Assert.Throws<ColumnMismatchException>(() => model.Predict(renamed));
        Assert.Equal(["petal_width"], e.Missing);
        Assert.Equal(["PetalWidth"], e.Unexpected);
        Assert.Contains("missing 'petal_width'", e.Message);
        Assert.Contains("unexpected 'PetalWidth'", e.Message);
        Assert.Throws<ColumnMismatchException>(() => model.Align(renamed));
    }

    [Fact]
    public void A_missing_column_is_refused_by_every_prediction_path()
    {
        var iris = TestData.Load("iris");
        var model = (DecisionClassifierPipelineModel)Pipeline.Make(new StandardScaler(), new LogisticRegression()).Fit(iris);
        var three = new Dataset(Matrix.FromRows(Enumerable.Range(0, 5).Select(i => iris.X.Row(i)[..3].ToArray()).ToArray()), null, IrisColumns[..3]);
        Assert.Equal(["petal_width"], Assert.Throws<ColumnMismatchException>(() => model.Predict(three)).Missing);
        Assert.Throws<ColumnMismatchException>(() => model.PredictProba(three));
        Assert.Throws<ColumnMismatchException>(() => model.DecisionFunction(three));
    }

    [Fact]
    public void Forgetting_the_target_leaves_it_among_the_features_and_is_refused_saying_so()
    {
        var model = FitTree(TestData.Load("iris"));
        var withTarget = BundledDatasets.Load(_files.Write("iris.csv", IrisCsv([.. IrisColumns, "target"])), target: null);
        var e = Assert.Throws<ColumnMismatchException>(() => model.Predict(withTarget));
        Assert.Equal("target", e.TargetColumn);
        Assert.Contains("'target' is the target the model was fitted to predict", e.Message);
    }

    [Fact]
    public void Extra_columns_are_ignored_only_when_asked()
    {
        var iris = TestData.Load("iris");
        var model = FitTree(iris);
        var withId = new Dataset(Matrix.FromRows(Enumerable.Range(0, iris.Count).Select(i => iris.X.Row(i).ToArray().Append(i).ToArray()).ToArray()),
            iris.Y, [.. IrisColumns, "id"]);
        var e = Assert.Throws<ColumnMismatchException>(() => model.Predict(withId));
        Assert.Equal(["id"], e.Unexpected);
        Assert.Empty(e.Missing);
        var aligned = model.Align(withId, ignore: ["id"]);
        Assert.Equal(IrisColumns, aligned.FeatureNames);
        Assert.Equal(model.Predict(iris), model.Predict(aligned));
    }

    [Fact]
    public void Unnamed_data_is_matched_by_position_as_numpy_arrays_are()
    {
        var iris = TestData.Load("iris");
        var model = FitTree(iris);
        Assert.Equal(model.Predict(iris), model.Predict(iris.X));
        var unnamedModel = FitTree(new Dataset(iris.X, iris.Y));
        Assert.Null(unnamedModel.FeatureNames);
        Assert.Equal(model.Predict(iris), unnamedModel.Predict(iris));
        var wrongWidth = Assert.Throws<ArgumentException>(() => model.Predict(new Matrix(2, 3)));
        Assert.Contains("3 features", wrongWidth.Message);
    }

    [Fact]
    public void A_text_column_given_as_numbers_is_refused()
    {
        var data = new Dataset(Matrix.FromRows([[1.0], [2.0], [3.0], [4.0]]), [0, 1, 0, 1], ["size"],
            textColumns: new Dictionary<string, string[]> { ["color"] = ["red", "blue", "red", "blue"] });
        var model = (IPredictor)Pipeline.Make(new ColumnTransformer(("onehot", new OneHotEncoder(), ["color"])) { Remainder = "passthrough" }, new LogisticRegression()).Fit(data);
        Assert.Equal(["size"], model.FeatureNames);
        Assert.Equal(["color"], model.Schema!.TextColumns);
        var numericColor = new Dataset(Matrix.FromRows([[1.0, 0], [2.0, 1]]), null, ["size", "color"]);
        var e = Assert.Throws<ColumnMismatchException>(() => model.Predict(numericColor));
        Assert.Equal(["color"], e.Retyped);
        Assert.Contains("'color' holds numbers, but the model read it as text", e.Message);
    }

    [Fact]
    public void A_string_labelled_iris_fits_searches_and_predicts_species_names()
    {
        var path = _files.Write("iris_species.csv", IrisCsv([.. IrisColumns, "target"], Species).Replace("target", "species", StringComparison.Ordinal));
        var data = BundledDatasets.Load(path, target: "species");
        Assert.Equal(["setosa", "versicolor", "virginica"], data.ClassNames);
        Assert.Equal(TestData.Load("iris").Y, data.Y);

        var grid = ParamGrid.Parse("""{"max_depth": [1, 3]}""");
        var result = new GridSearch(new DecisionTreeClassifier { RandomState = 0 }, grid)
            { Cv = new StratifiedKFold(3, shuffle: true, randomState: 0) }.Fit(data);
        var model = (IClassifierModel)result.BestModel!;
        Assert.Equal(["setosa", "versicolor", "virginica"], model.ClassNames);
        Assert.Equal(["setosa", "versicolor", "virginica"], model.ClassLabels);
        var predicted = model.PredictLabels(data);
        Assert.Equal(data.Count, predicted.Length);
        Assert.True(predicted.Zip(data.Y!, (p, y) => p == Species(y)).Count(same => same) >= 140);
        Assert.True(result.BestScore > 0.9);
    }

    [Fact]
    public void A_test_file_with_fewer_classes_is_recoded_to_the_models_classes_and_unseen_labels_are_refused()
    {
        var train = BundledDatasets.Load(_files.Write("train.csv", IrisCsv([.. IrisColumns, "target"], Species)));
        var model = FitTree(train);
        var lines = IrisCsv([.. IrisColumns, "target"], Species).Split('\n');
        var virginicaOnly = BundledDatasets.Load(_files.Write("virginica.csv",
            string.Join("\n", lines.Where((l, i) => i == 0 || l.EndsWith(",virginica", StringComparison.Ordinal))) + "\n"));
        Assert.Equal(["virginica"], virginicaOnly.ClassNames);
        Assert.Equal(1.0, model.Score(virginicaOnly));
        Assert.All(model.PredictLabels(virginicaOnly), p => Assert.Equal("virginica", p));

        var unseen = BundledDatasets.Load(_files.Write("unseen.csv", lines[0] + "\n" + lines[1].Replace("setosa", "iris_x", StringComparison.Ordinal) + "\n"));
        var e = Assert.Throws<ColumnMismatchException>(() => model.Score(unseen));
        Assert.Contains("'iris_x'", e.Message);
    }

    [Fact]
    public void Model_files_keep_the_columns_and_class_names_and_refitting_the_saved_spec_reproduces_the_model()
    {
        var data = BundledDatasets.Load(_files.Write("iris_species.csv", IrisCsv([.. IrisColumns, "target"], Species)));
        var grid = ParamGrid.Parse("""{"max_depth": [2, 4], "max_features": [2, null]}""");
        var result = new GridSearch(new DecisionTreeClassifier(), grid)
            { Cv = new StratifiedKFold(3, shuffle: true, randomState: 0), Seed = 11 }.Fit(data);
        var path = _files.Path("best.model");
        ModelFile.Save(path, (IPersistableModel)result.BestModel!, result.BestSpec);

        var loaded = ModelFile.Load(path);
        Assert.Equal(IrisColumns, loaded.Model.FeatureNames);
        Assert.Equal(["setosa", "versicolor", "virginica"], loaded.Model.ClassNames);
        Assert.Equal(IrisColumns, loaded.FeatureNames);
        var reordered = BundledDatasets.Load(_files.Write("reordered.csv", IrisCsv(["target", .. IrisColumns.Reverse()], Species)));
        var model = (IClassifierModel)loaded.Model;
        Assert.Equal(((IPredictor)result.BestModel!).PredictLabels(data), model.PredictLabels(reordered));

        var refit = (IClassifierModel)loaded.Spec!.Create().Fit(data);
        Assert.Equal(model.PredictProba(data).Values, refit.PredictProba(data).Values);
        var renamed = new Dataset(data.X, null, ["a", "b", "c", "d"]);
        Assert.Throws<ColumnMismatchException>(() => model.Predict(renamed));
    }

    [Fact]
    public void A_text_target_needs_its_classes_up_front_to_be_read_in_chunks()
    {
        var path = _files.Write("chunks.csv", IrisCsv([.. IrisColumns, "target"], Species));
        using (var reader = TableReader.Open(path, new TableOptions { ClassNames = ["virginica", "setosa", "versicolor"] }))
        {
            var codes = new List<double>();
            foreach (var chunk in reader.Chunks(40)) codes.AddRange(chunk.Data.Y!);
            Assert.Equal(TestData.Load("iris").Y, codes);
        }
        var e = Assert.ThrowsAny<Exception>(() =>
        {
            using var reader = TableReader.Open(path, new TableOptions { ClassNames = ["setosa", "versicolor"] });
            foreach (var _ in reader.Chunks(40)) { }
        });
        Assert.Contains("'virginica' is not one of the known classes", e.Message);
    }
}
