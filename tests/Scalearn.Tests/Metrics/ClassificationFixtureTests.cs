using System.Text.Json;
using Scalearn.Estimators;
using Scalearn.Metrics;

namespace Scalearn.Tests.Metrics;

/// <summary>Confusion matrix, precision/recall/F, and classification_report text against scikit-learn 1.2.1 (Fixtures/Metrics).</summary>
public class ClassificationFixtureTests
{
    private static JsonElement Root => Fixture.Load("Metrics", "metrics.json");

    public static TheoryData<string> Cases() => new(Root.GetProperty("classification").EnumerateObject().Select(p => p.Name));

    private static (double[] YTrue, double[] YPred, JsonElement Case) Get(string name)
    {
        var c = Root.GetProperty("classification").GetProperty(name);
        return (c.GetProperty("y_true").Numbers(), c.GetProperty("y_pred").Numbers(), c);
    }

    [Theory, MemberData(nameof(Cases))]
    public void Confusion_matrix_counts_and_normalizations(string name)
    {
        var (yTrue, yPred, c) = Get(name);
        foreach (var normalize in new string?[] { null, "true", "pred", "all" })
        {
            var matrix = ConfusionMatrix.Compute(yTrue, yPred, normalize: normalize);
            Assert.Equal(c.GetProperty("labels").Numbers(), matrix.Labels);
            Fixture.Close(c.GetProperty("confusion").GetProperty(normalize ?? "None").Numbers(), matrix.Values.Values, what: $"{name} {normalize}");
        }
    }

    [Theory, MemberData(nameof(Cases))]
    public void Per_class_scores(string name)
    {
        var (yTrue, yPred, c) = Get(name);
        foreach (int zd in new[] { 0, 1 })
        {
            var expected = c.GetProperty($"per_class_zd{zd}");
            var scores = PrecisionRecallFScore.PerClass(yTrue, yPred, zeroDivision: zd);
            Fixture.Close(expected.GetProperty("precision").Numbers(), scores.Precision, what: "precision");
            Fixture.Close(expected.GetProperty("recall").Numbers(), scores.Recall, what: "recall");
            Fixture.Close(expected.GetProperty("f1").Numbers(), scores.FScore, what: "f1");
            Assert.Equal(expected.GetProperty("support").Ints(), scores.Support);
            Fixture.Close(expected.GetProperty("f_half").Numbers(), PrecisionRecallFScore.PerClass(yTrue, yPred, 0.5, zeroDivision: zd).FScore, what: "f0.5");
        }
    }

    [Theory, MemberData(nameof(Cases))]
    public void Averaged_scores(string name)
    {
        var (yTrue, yPred, c) = Get(name);
        int checkedAverages = 0;
        foreach (int zd in new[] { 0, 1 })
            foreach (var average in PrecisionRecallFScore.Averages)
            {
                if (!c.TryGetProperty($"{average}_zd{zd}", out var expected)) continue;
                double pos = expected.GetProperty("pos_label").GetDouble();
                string what = $"{name} {average} zd={zd}";
                Assert.Equal(expected.GetProperty("precision").GetDouble(), ClassificationMetrics.PrecisionScore(yTrue, yPred, average, pos, zeroDivision: zd), 12);
                Assert.Equal(expected.GetProperty("recall").GetDouble(), ClassificationMetrics.RecallScore(yTrue, yPred, average, pos, zeroDivision: zd), 12);
                Assert.Equal(expected.GetProperty("f1").GetDouble(), ClassificationMetrics.F1Score(yTrue, yPred, average, pos, zeroDivision: zd), 12);
                Assert.True(Math.Abs(expected.GetProperty("f_half").GetDouble() - ClassificationMetrics.FBetaScore(yTrue, yPred, 0.5, average, pos, zeroDivision: zd)) < 1e-12, what);
                checkedAverages++;
            }
        Assert.True(checkedAverages >= 6);
    }

    [Theory, MemberData(nameof(Cases))]
    public void Classification_report_text_is_scikit_learns(string name)
    {
        var (yTrue, yPred, c) = Get(name);
        Assert.Equal(c.GetProperty("report").GetString(), ClassificationReport.Compute(yTrue, yPred).ToText());
        Assert.Equal(c.GetProperty("report_digits4_zd1").GetString(), ClassificationReport.Compute(yTrue, yPred, zeroDivision: 1).ToText(4));
    }

    [Fact]
    public void Explicit_labels_select_order_and_add_unseen_classes()
    {
        var c = Root.GetProperty("classification").GetProperty("multiclass");
        double[] yTrue = c.GetProperty("y_true").Numbers(), yPred = c.GetProperty("y_pred").Numbers();
        foreach (var expected in Root.GetProperty("labels").EnumerateArray())
        {
            var labels = expected.GetProperty("labels").Numbers();
            Fixture.Close(expected.GetProperty("confusion").Numbers(), ConfusionMatrix.Compute(yTrue, yPred, labels).Values.Values);
            var scores = PrecisionRecallFScore.PerClass(yTrue, yPred, labels: labels);
            Fixture.Close(expected.GetProperty("precision").Numbers(), scores.Precision);
            Fixture.Close(expected.GetProperty("recall").Numbers(), scores.Recall);
            Fixture.Close(expected.GetProperty("f1").Numbers(), scores.FScore);
            Assert.Equal(expected.GetProperty("support").Ints(), scores.Support);
            foreach (var average in new[] { "macro", "micro", "weighted" })
                Assert.Equal(expected.GetProperty($"{average}_f1").GetDouble(), ClassificationMetrics.F1Score(yTrue, yPred, average, labels: labels), 12);
            Assert.Equal(expected.GetProperty("report").GetString(), ClassificationReport.Compute(yTrue, yPred, labels).ToText());
        }
    }

    [Fact]
    public void Target_names_and_digits()
    {
        var report = ClassificationReport.Compute([0, 1, 2, 2, 0, 1, 1], [0, 2, 2, 2, 0, 1, 0],
            targetNames: ["setosa", "versicolor", "a very long class name"]);
        Assert.Equal(Root.GetProperty("named_report").GetString(), report.ToText(3));
        Assert.Equal(5.0 / 7, report.Accuracy!.Value, 12);
    }

    [Fact]
    public void Bad_inputs_fail_with_scikit_learns_messages()
    {
        var errors = Root.GetProperty("errors");
        string Expected(string key) => errors.GetProperty(key).GetString()!;
        Assert.Equal(Expected("binary_on_multiclass"), Assert.ThrowsAny<ArgumentException>(() => ClassificationMetrics.PrecisionScore([0, 1, 2], [0, 1, 1])).Message);
        Assert.Equal(Expected("bad_pos_label"), Assert.ThrowsAny<ArgumentException>(() => ClassificationMetrics.RecallScore([2, 3, 3], [2, 3, 2])).Message);
        Assert.Equal(Expected("mix_continuous"), Assert.ThrowsAny<ArgumentException>(() => ClassificationMetrics.Accuracy([0, 1, 1], [0.5, 1, 1])).Message);
        Assert.Equal(Expected("continuous"), Assert.ThrowsAny<ArgumentException>(() => ClassificationMetrics.F1Score([0.5, 1.5], [0.5, 1.5], "macro")).Message);
        Assert.StartsWith(Expected("normalize"), Assert.ThrowsAny<ArgumentException>(() => ConfusionMatrix.Compute([0, 1], [0, 1], normalize: "rows")).Message);
        Assert.Equal(Expected("labels_none_in_y_true"), Assert.ThrowsAny<ArgumentException>(() => ConfusionMatrix.Compute([0, 1], [0, 1], [5])).Message);
        Assert.Equal(Expected("target_names"), Assert.ThrowsAny<ArgumentException>(() => ClassificationReport.Compute([0, 1, 2], [0, 1, 2], targetNames: ["a", "b"])).Message);
    }

    [Fact]
    public void Bad_parameters_name_the_parameter()
    {
        Assert.Equal("average", Assert.Throws<ParameterException>(() => ClassificationMetrics.F1Score([0, 1], [0, 1], "samples")).Parameter);
        Assert.Equal("zero_division", Assert.Throws<ParameterException>(() => ClassificationMetrics.F1Score([0, 1], [0, 1], zeroDivision: 0.5)).Parameter);
        Assert.Equal("beta", Assert.Throws<ParameterException>(() => ClassificationMetrics.FBetaScore([0, 1], [0, 1], -1)).Parameter);
        Assert.Equal("labels", Assert.Throws<ParameterException>(() => PrecisionRecallFScore.PerClass([0, 1], [0, 1], labels: [])).Parameter);
        Assert.Equal("digits", Assert.Throws<ParameterException>(() => ClassificationReport.Compute([0, 1], [0, 1]).ToText(-1)).Parameter);
        Assert.Contains("y_pred has 1", Assert.ThrowsAny<ArgumentException>(() => ConfusionMatrix.Compute([0, 1], [0])).Message);
    }

    [Fact]
    public void Confusion_matrix_prints_aligned_rows()
    {
        var text = ConfusionMatrix.Compute([0, 1, 1, 10], [0, 1, 10, 10]).ToString();
        Assert.Equal("true\\pred   0   1  10\n        0   1   0   0\n        1   0   1   1\n       10   0   0   1\n", text);
        Assert.Equal(1, ConfusionMatrix.Compute([0, 1, 1, 10], [0, 1, 10, 10])[2, 2]);
    }
}
