using System.Text.Json;
using Scalearn.Estimators;
using Scalearn.Svm;

namespace Scalearn.Tests.Svm;

/// <summary>Agreement with scikit-learn 1.2.1 (Fixtures/Svm/generate.py) on standardized bundled datasets.</summary>
public class SvmFixtureTests
{
    private static readonly JsonDocument Fixtures =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Svm", "svm_fixtures.json")));

    public static TheoryData<int> SvcCases() => new(Enumerable.Range(0, Fixtures.RootElement.GetProperty("svc").GetArrayLength()));
    public static TheoryData<int> SvrCases() => new(Enumerable.Range(0, Fixtures.RootElement.GetProperty("svr").GetArrayLength()));

    [Theory]
    [MemberData(nameof(SvcCases))]
    public void SvcMatchesScikitLearn(int index)
    {
        var fixture = Fixtures.RootElement.GetProperty("svc")[index];
        var data = SvmTestData.Standardize(TestData.Load(fixture.GetProperty("dataset").GetString()!));
        var svc = new SVC();
        svc.SetParam("kernel", fixture.GetProperty("kernel").GetString());
        svc.SetParam("decision_function_shape", fixture.GetProperty("shape").GetString());
        foreach (var p in fixture.GetProperty("params").EnumerateObject())
            svc.SetParam(p.Name, p.Value.ValueKind == JsonValueKind.True ? true : p.Value.GetInt64());
        var model = (SvcModel)svc.Fit(data);

        Assert.Equal(fixture.GetProperty("n_support").EnumerateArray().Select(e => e.GetInt32()), model.NSupport);
        var intercept = fixture.GetProperty("intercept").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(intercept.Length, model.Intercept.Length);
        for (int p = 0; p < intercept.Length; p++) Assert.True(Math.Abs(intercept[p] - model.Intercept[p]) < 2e-3, $"intercept {p}: {model.Intercept[p]} vs {intercept[p]}");

        var decision = model.DecisionFunction(data);
        var expected = fixture.GetProperty("decision_function");
        Assert.Equal(expected.GetArrayLength(), decision.Rows);
        double worst = 0;
        for (int r = 0; r < decision.Rows; r++)
        {
            var row = expected[r];
            Assert.Equal(row.GetArrayLength(), decision.Cols);
            for (int c = 0; c < decision.Cols; c++) worst = Math.Max(worst, Math.Abs(row[c].GetDouble() - decision[r, c]));
        }
        Assert.True(worst < 2e-3, $"largest decision_function difference {worst}");
        Assert.Equal(fixture.GetProperty("predict").EnumerateArray().Select(e => e.GetDouble()), model.Predict(data));

        if (fixture.TryGetProperty("predict_proba", out var expectedProba))
        {
            var proba = model.PredictProba(data);
            double worstProba = 0;
            for (int r = 0; r < proba.Rows; r++)
                for (int c = 0; c < proba.Cols; c++) worstProba = Math.Max(worstProba, Math.Abs(expectedProba[r][c].GetDouble() - proba[r, c]));
            Assert.True(worstProba < 0.05, $"largest predict_proba difference {worstProba}");
        }
    }

    [Theory]
    [MemberData(nameof(SvrCases))]
    public void SvrMatchesScikitLearn(int index)
    {
        var fixture = Fixtures.RootElement.GetProperty("svr")[index];
        var data = SvmTestData.Standardize(TestData.Load("diabetes"));
        var svr = new SVR();
        svr.SetParam("kernel", fixture.GetProperty("kernel").GetString());
        foreach (var p in fixture.GetProperty("params").EnumerateObject()) svr.SetParam(p.Name, p.Value.GetDouble());
        var model = (SvrModel)svr.Fit(data);

        Assert.Equal(fixture.GetProperty("n_support").GetInt32(), model.Support.Length);
        Assert.True(Math.Abs(fixture.GetProperty("intercept").GetDouble() - model.Intercept) < 1e-2 * Math.Max(1, Math.Abs(model.Intercept)) * 0.1);
        var predicted = model.Predict(data);
        var expected = fixture.GetProperty("predict").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        double worst = 0;
        for (int i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs(expected[i] - predicted[i]) / Math.Max(1, Math.Abs(expected[i])));
        Assert.True(worst < 1e-3, $"largest relative prediction difference {worst}");
    }
}
