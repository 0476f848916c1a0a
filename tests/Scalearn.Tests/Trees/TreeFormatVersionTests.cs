using System.Globalization;
using Scalearn.Data;
using Scalearn.Ensemble;
using Scalearn.Estimators;
using Scalearn.Persistence;
using Scalearn.Trees;

namespace Scalearn.Tests.Trees;

/// <summary>
/// Tree models are written in version 2 of their formats (compact nodes) and files of version 1 (fixed-size nodes,
/// Fixtures/Trees/format-v1, written by the previous release) still load and predict what they predicted then.
/// </summary>
public class TreeFormatVersionTests
{
    /// <summary>Each version-1 fixture model and the bundled dataset it was fitted and predicted on.</summary>
    public static TheoryData<string, string> Models => new()
    {
        { "decision-tree-classifier", "iris" }, { "random-forest-classifier", "iris" },
        { "decision-tree-regressor", "diabetes" }, { "random-forest-regressor", "diabetes" },
    };

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Trees", "format-v1", name);

    /// <summary>The columns of a prediction file written with --keep target: prediction, then proba_* for a classifier.</summary>
    private static double[][] Expected(string model) => File.ReadLines(Fixture(model + ".csv")).Skip(1)
        .Select(line => line.Split(',')[1..].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();

    [Theory]
    [MemberData(nameof(Models))]
    public void A_version_1_file_loads_and_predicts_as_it_did(string model, string data)
    {
        var loaded = ModelFile.Load(Fixture(model + ".scalearn"));
        var x = BundledDatasets.Load(data).All;
        var expected = Expected(model);

        Assert.Equal(1, loaded.FormatVersion);
        Assert.Equal(expected.Select(r => r[0]), ((IPredictor)loaded.Model).Predict(x));
        if (loaded.Model is IClassifierModel classifier)
        {
            var proba = classifier.PredictProba(x);
            for (int i = 0; i < x.Count; i++) Assert.Equal(expected[i][1..], proba.Row(i).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Rewritten_as_version_2_the_same_trees_take_at_most_60_percent_of_the_bytes(string model, string data)
    {
        var old = ModelFile.Load(Fixture(model + ".scalearn"));
        var bytes = ModelFile.Serialize((IPersistableModel)old.Model, null, old.FeatureNames);
        var again = ModelFile.Load(new MemoryStream(bytes));

        Assert.Equal(2, again.FormatVersion);
        Assert.Equal(Trees(old.Model).Select(Arrays), Trees(again.Model).Select(Arrays));
        var x = BundledDatasets.Load(data).All;
        Assert.Equal(((IPredictor)old.Model).Predict(x), ((IPredictor)again.Model).Predict(x));
        int treeBytes = Trees(old.Model).Sum(t => 20 * t.NodeCount);   // version 1's node records; the rest is common to both
        Assert.True(bytes.Length <= new FileInfo(Fixture(model + ".scalearn")).Length - 0.4 * treeBytes,
            $"{bytes.Length} bytes against {new FileInfo(Fixture(model + ".scalearn")).Length} in version 1");
    }

    [Fact]
    public void A_compact_tree_whose_child_points_back_is_refused_naming_the_node()
    {
        var model = new DecisionTreeRegressor { MaxDepth = 2, RandomState = 0 }.Fit(BundledDatasets.Load("diabetes"));
        var payload = ModelFormats.WritePayload((IPersistableModel)model);
        // Payload: feature count (4), nodes (4), width (4), then the root: feature + 1 (1 byte), threshold (8), left offset (1 byte).
        Assert.Equal(1, payload[12 + 1 + 8]);
        payload[12 + 1 + 8] = 0;   // the root's left child is itself

        var error = Assert.Throws<InvalidDataException>(() => ModelFormats.ReadPayload("decision-tree-regressor", 2, payload, 0, payload.Length));
        Assert.Contains("node 0", error.Message);
    }

    private static DecisionTree[] Trees(IModel model) => model switch
    {
        DecisionTreeClassifierModel c => [c.Tree],
        DecisionTreeRegressorModel r => [r.Tree],
        RandomForestClassifierModel f => f.Trees.ToArray(),
        RandomForestRegressorModel f => f.Trees.ToArray(),
        _ => throw new ArgumentException(model.GetType().Name),
    };

    private static (int[], double[], int[], int[], double[], double[]) Arrays(DecisionTree t) =>
        (t.Feature, t.Threshold, t.Left, t.Right, t.Values, t.FeatureImportances);
}
