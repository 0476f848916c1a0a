using Scalearn.Data;
using Scalearn.Ensemble;
using Scalearn.Execution;
using Scalearn.ModelSelection;

namespace Scalearn.Bench.Workloads;

/// <summary>The spark-sklearn digits grids of reference.md: GridSearchCV(RandomForestClassifier(random_state=0), cv=3).</summary>
public static class RfGrid
{
    private const int Folds = 3;

    public const string Small = """
        {"max_depth":[3,null],"max_features":[1,3,10],"min_samples_split":[2,10],"bootstrap":[true,false],
         "criterion":["gini","entropy"],"n_estimators":[10,40]}
        """;

    public const string Full = """
        {"max_depth":[3,null],"max_features":[1,3,10],"min_samples_split":[2,3,10],"min_samples_leaf":[1,3,10],
         "bootstrap":[true,false],"criterion":["gini","entropy"],"n_estimators":[10,20,40,80]}
        """;

    public static SearchResult Search(string grid, ITaskExecutor executor)
    {
        var search = new GridSearch(new RandomForestClassifier { RandomState = 0 }, ParamGrid.Parse(grid))
        {
            Cv = new StratifiedKFold(Folds),
            Executor = executor,
        };
        return search.Fit(BundledDatasets.Load("digits"));
    }

    /// <summary>Runs the grid <paramref name="repeats"/> times and reports the median wall-clock time.</summary>
    public static IReadOnlyDictionary<string, object?> Measure(string grid, ITaskExecutor executor, int repeats, string executorName) =>
        SearchTiming.Run(() => Search(grid, executor), repeats, Folds, executorName);
}
