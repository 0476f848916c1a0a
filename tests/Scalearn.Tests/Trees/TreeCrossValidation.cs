using System.Text.Json;
using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Tests.Trees;

/// <summary>
/// 5-fold cross-validation on the exact folds scikit-learn used for reference.md (StratifiedKFold / KFold with
/// shuffle=True, random_state=0; fixture Fixtures/Trees/cv_folds.json), so only the model differs from the reference.
/// </summary>
internal static class TreeCrossValidation
{
    private static readonly Lazy<Dictionary<string, int[]>> Folds = new(() =>
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Trees", "cv_folds.json"));
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("folds").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetInt32()).ToArray());
    });

    public static double MeanScore(IEstimator estimator, string dataset)
    {
        var data = TestData.Load(dataset);
        var assignments = Folds.Value[dataset];
        int folds = assignments.Max() + 1;
        double total = 0;
        for (int f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, data.Count).Where(i => assignments[i] != f).ToArray();
            var test = Enumerable.Range(0, data.Count).Where(i => assignments[i] == f).ToArray();
            var model = (IPredictor)estimator.Clone().Fit(data.Rows(train));
            total += model.Score(data.Rows(test));
        }
        return total / folds;
    }
}
