using System.Globalization;
using System.Text.RegularExpressions;
using Scalearn.Data.Tables;

namespace Scalearn.Cli.Tests;

/// <summary>`scalearn tune --search ...` end to end: every search kind runs with its defaults and writes its files.</summary>
[Collection("console")]
public class TuneSearchCommandTests
{
    public static TheoryData<string, string[], bool> Searches => new()
    {
        { "tpe", ["--data", "wine", "--estimator", "DecisionTreeClassifier", "--space", """{"max_depth":{"randint":[1,8]},"min_samples_leaf":{"randint":[1,5]}}""", "--n-trials", "12"], false },
        { "random", ["--data", "wine", "--estimator", "DecisionTreeClassifier", "--space", """{"max_depth":{"randint":[1,8]}}""", "--n-trials", "8"], false },
        { "halving", ["--data", "wine", "--estimator", "DecisionTreeClassifier", "--grid", """{"max_depth":[1,2,3,4,5,6,null]}"""], true },
        // Sampled candidates with both scikit-learn defaults (n_candidates and min_resources) refused to run before.
        { "halving", ["--data", "wine", "--estimator", "DecisionTreeClassifier", "--space", """{"max_depth":{"randint":[1,8]}}"""], true },
        { "halving", ["--data", "wine", "--estimator", "RandomForestClassifier", "--grid", """{"max_depth":[2,null],"max_features":[1,3]}""", "--resource", "n_estimators", "--max-resources", "12"], true },
        { "asha", ["--data", "iris", "--estimator", "SGDClassifier", "--space", """{"alpha":{"loguniform":[1e-5,1e-1]},"penalty":["l2","l1"]}""", "--n-trials", "9", "--max-resources", "9"], true },
        { "hyperband", ["--data", "iris", "--estimator", "SGDClassifier", "--space", """{"alpha":{"loguniform":[1e-5,1e-1]}}""", "--max-resources", "9"], true },
    };

    [Theory]
    [MemberData(nameof(Searches))]
    public async Task Every_search_writes_cv_results_and_trials_and_reports_the_best_of_them(string search, string[] args, bool rungs)
    {
        var dir = CliHarness.TempDir();
        var (exit, output, error) = await CliHarness.RunAsync(["tune", "--search", search, "--cv", "3", "--out", dir, .. args]);

        Assert.True(exit == 0, error + output);
        var results = TableReader.ReadAll(Path.Combine(dir, "cv_results.csv"), TableOptions.AllColumns);
        var trials = TableReader.ReadAll(Path.Combine(dir, "trials.csv"), TableOptions.AllColumns);
        Assert.Equal(results.Count, trials.Count);
        var names = results.Schema.Columns.Select(c => c.Name).ToList();
        Assert.Equal(rungs, names.Contains("iter") && names.Contains("n_resources"));
        Assert.True(File.Exists(Path.Combine(dir, "cv_results.json")));
        Assert.True(File.Exists(Path.Combine(dir, "best_model.scalearn")));

        var best = Regex.Match(output, @"Best accuracy: (\d\.\d{4})");
        Assert.True(best.Success, output);
        var means = ((DoubleColumn)results.Passthrough.Single(c => c.Name == "mean_test_score")).Values;
        double shown = double.Parse(best.Groups[1].Value, CultureInfo.InvariantCulture);
        if (!rungs) Assert.Equal(means.Where(double.IsFinite).Max(), shown, 4);
        else Assert.Contains(means, m => Math.Abs(m - shown) < 5e-5);   // the best of the last rung, which may not be the highest overall
    }
}
