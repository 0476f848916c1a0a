using System.Globalization;
using System.Text.Json;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.ModelSelection;

namespace Scalearn.Tests.ModelSelection;

/// <summary>
/// Searches give exactly the cv_results recorded before the execution engine was rewritten (every value but the
/// timings, compared as round-trip strings). Set SCALEARN_RECORD_CV_RESULTS=1 to record the fixture again.
/// </summary>
public sealed class RecordedCvResultsTests
{
    private static readonly string FixturePath = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Search", "recorded_cv_results.json");

    public static TheoryData<string> Cases => new(SearchCases.Keys);

    private static readonly Dictionary<string, Func<SearchBase>> SearchCases = new()
    {
        ["tree_grid_digits"] = () => new GridSearch(EstimatorRegistry.Create("DecisionTreeClassifier"),
            ParamGrid.Parse("""{"max_depth":[2,5,null],"criterion":["gini","entropy"],"max_features":["sqrt",null]}"""))
        {
            Cv = new StratifiedKFold(3, shuffle: true, randomState: 7), Scoring = ["accuracy", "f1_macro"], ReturnTrainScore = true, Seed = 3,
        },
        ["forest_random_wine"] = () => new RandomizedSearch(EstimatorRegistry.Create("RandomForestClassifier"),
            ParamDistributions.Parse("""{"n_estimators":{"randint":[5,30]},"max_depth":[3,null],"max_features":{"uniform":[0.2,0.9]}}"""), 6)
        {
            Cv = new StratifiedKFold(4), Scoring = ["accuracy"], Seed = 11,
        },
        ["sgd_grid_diabetes"] = () => new GridSearch(EstimatorRegistry.Create("SGDRegressor"),
            ParamGrid.Parse("""{"alpha":[1e-4,1e-2,1.0],"penalty":["l2","elasticnet"],"eta0":[0.01,1e6]}"""))
        {
            Cv = new KFold(5, shuffle: true, randomState: 0), Scoring = ["r2", "neg_mean_squared_error"], Seed = 5,
        },
        ["pipeline_random_breast_cancer"] = () => new RandomizedSearch(
            new Scalearn.Pipelines.Pipeline([("scale", EstimatorRegistry.Create("StandardScaler")), ("svc", EstimatorRegistry.Create("SVC"))]),
            ParamDistributions.Parse("""{"svc__C":{"loguniform":[0.01,100]},"svc__gamma":{"loguniform":[0.0001,0.1]}}"""), 5)
        {
            Cv = new StratifiedKFold(3, shuffle: true, randomState: 1), Scoring = ["accuracy", "balanced_accuracy"], Seed = 2,
        },
        ["knn_grid_iris_errors"] = () => new GridSearch(EstimatorRegistry.Create("KNeighborsClassifier"),
            ParamGrid.Parse("""[{"n_neighbors":[1,5,200]},{"n_neighbors":[3],"weights":["distance"]}]"""))
        {
            Cv = new StratifiedKFold(5), Scoring = ["accuracy"], Seed = 0, ErrorScore = -1,
        },
    };

    private static readonly string[] Datasets = ["digits", "wine", "diabetes", "breast_cancer", "iris"];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task CvResultsEqualTheRecording(string name)
    {
        var search = SearchCases[name]();
        search.Executor = new LocalExecutor(2);
        var result = await search.FitAsync(Data(name));
        var actual = Snapshot(result.CvResults);
        if (Environment.GetEnvironmentVariable("SCALEARN_RECORD_CV_RESULTS") == "1")
        {
            Record(name, actual);
            return;
        }
        using var doc = JsonDocument.Parse(File.ReadAllText(FixturePath));
        var expected = doc.RootElement.GetProperty(name).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString()).ToArray());
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (column, values) in expected) Assert.Equal(values, actual[column]);
    }

    private static Scalearn.Data.Dataset Data(string name) =>
        TestData.Load(name.EndsWith("_errors") ? "iris" : Datasets.First(d => name.EndsWith("_" + d)));

    /// <summary>Every column but the timings, each value as a round-trip string.</summary>
    private static Dictionary<string, string?[]> Snapshot(CvResults results) =>
        results.Columns.Where(c => !c.EndsWith("_time")).ToDictionary(c => c, c => results.Column(c).Select(Text).ToArray());

    private static string? Text(object? value) => value switch
    {
        null => null,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        string s => s,
        _ => JsonSerializer.Serialize(value is IReadOnlyDictionary<string, object?> dict ? dict.ToDictionary(kv => kv.Key, kv => Text(kv.Value)) : value),
    };

    private static readonly object RecordLock = new();

    private static void Record(string name, Dictionary<string, string?[]> columns)
    {
        string source = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "Fixtures", "Search", "recorded_cv_results.json");
        lock (RecordLock)
        {
            var all = File.Exists(source)
                ? JsonSerializer.Deserialize<SortedDictionary<string, SortedDictionary<string, string?[]>>>(File.ReadAllText(source))!
                : new SortedDictionary<string, SortedDictionary<string, string?[]>>();
            all[name] = new SortedDictionary<string, string?[]>(columns, StringComparer.Ordinal);
            File.WriteAllText(source, JsonSerializer.Serialize(all, new JsonSerializerOptions { WriteIndented = true }));
        }
    }
}
