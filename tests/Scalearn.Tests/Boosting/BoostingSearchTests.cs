using Scalearn.Boosting;
using Scalearn.Execution;
using Scalearn.ModelSelection;

namespace Scalearn.Tests.Boosting;

[Collection(LightGbmCollection.Name)]
public class BoostingSearchTests
{
    /// <summary>24 candidates x 3 folds of LGBMClassifier on digits: cv_results identical on one worker and on two.</summary>
    [Fact]
    public void GridSearchResultsAreBitIdenticalOnOneAndTwoWorkers()
    {
        var grid = ParamGrid.Parse("""
            {"num_leaves": [4, 8, 15], "learning_rate": [0.1, 0.3], "n_estimators": [10, 20],
             "subsample": [0.7, 1.0], "subsample_freq": [1], "colsample_bytree": [0.5]}
            """);
        Assert.Equal(24, grid.Count);
        var data = TestData.Load("digits");
        double[][] Run(int workers)
        {
            var result = new GridSearch(new LGBMClassifier(), grid) { Cv = new StratifiedKFold(3, shuffle: true, randomState: 0), Executor = new LocalExecutor(workers), Seed = 7, Refit = false }
                .Fit(data);
            Assert.All(result.CvResults.Errors, Assert.Null);
            return Enumerable.Range(0, 3).Select(k => result.CvResults.Numbers($"split{k}_test_score")).ToArray();
        }
        var one = Run(1);
        var two = Run(2);
        Assert.Equal(one, two);
        Assert.True(one[0].Average() > 0.85);
    }
}
