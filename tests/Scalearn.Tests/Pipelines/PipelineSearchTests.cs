using Scalearn.Estimators;
using Scalearn.ModelSelection;
using Scalearn.Neighbors;
using Scalearn.Pipelines;
using Scalearn.Preprocessing;

namespace Scalearn.Tests.Pipelines;

public class PipelineSearchTests
{
    [Fact]
    public void Grid_search_over_nested_step_parameters_and_whole_steps()
    {
        var pipe = Pipeline.Make(new StandardScaler(), new KNeighborsClassifier());
        var grid = ParamGrid.Parse("""
            {"standardscaler": ["passthrough", {"estimator": "MinMaxScaler", "params": {}}],
             "kneighborsclassifier__n_neighbors": [1, 15]}
            """);
        var search = new GridSearch(pipe, grid) { Cv = new StratifiedKFold(3, shuffle: true, randomState: 0) };
        var result = search.Fit(TestData.Load("wine"));

        Assert.Equal(4, result.CvResults.Numbers("mean_test_score").Length);
        Assert.All(result.CvResults.Numbers("mean_test_score"), s => Assert.InRange(s, 0.5, 1.0));
        // Unscaled wine features make kNN much worse than min-max scaled ones.
        Assert.IsType<EstimatorSpec>(result.BestParams["standardscaler"]);
        Assert.True(result.BestScore > 0.9);
        Assert.IsAssignableFrom<IClassifierModel>(result.BestModel);
        Assert.True(((StandardScaler)pipe["standardscaler"]).WithMean, "the search must not change the original pipeline");
    }
}
