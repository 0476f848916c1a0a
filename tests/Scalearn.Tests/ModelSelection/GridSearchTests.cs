using System.Diagnostics;
using System.Text.Json;
using Scalearn.Dummy;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.ModelSelection;
using Scalearn.NaiveBayes;

namespace Scalearn.Tests.ModelSelection;

public class GridSearchTests
{
    private static GridSearch NbSearch(string grid, int jobs = 2) =>
        new(new GaussianNB(), ParamGrid.Parse(grid)) { Executor = new LocalExecutor(jobs), Cv = new StratifiedKFold(3) };

    [Fact]
    public void CvResultsHaveScikitLearnColumnsAndRanks()
    {
        var search = NbSearch("""{"var_smoothing":[1e-9,1e-2,10.0]}""");
        var result = search.Fit(TestData.Load("iris"));
        var cv = result.CvResults;
        Assert.True(result.Completed);
        Assert.Equal(3, cv.Count);
        string[] expected =
        [
            "mean_fit_time", "std_fit_time", "mean_score_time", "std_score_time", "param_var_smoothing", "params",
            "split0_test_score", "split1_test_score", "split2_test_score", "mean_test_score", "std_test_score", "rank_test_score",
        ];
        Assert.Equal(expected, cv.Columns);
        var means = cv.Numbers("mean_test_score");
        var ranks = cv.Numbers("rank_test_score");
        for (int i = 0; i < 3; i++)
        {
            double[] splits = [cv.Numbers("split0_test_score")[i], cv.Numbers("split1_test_score")[i], cv.Numbers("split2_test_score")[i]];
            Assert.Equal(splits.Average(), means[i], 12);
            Assert.Equal(1 + means.Count(m => m > means[i]), ranks[i]);
        }
        Assert.Equal(1.0, ranks[result.BestIndex]);
        Assert.Equal(means.Max(), result.BestScore);
        Assert.Equal(cv.Params[result.BestIndex], result.BestParams);
        Assert.Equal(10.0, cv.Column("param_var_smoothing")[2]);
        Assert.All(cv.Errors, Assert.Null);
    }

    [Fact]
    public void RefitModelPredicts()
    {
        var iris = TestData.Load("iris");
        var result = NbSearch("""{"var_smoothing":[1e-9,1.0]}""").Fit(iris);
        var model = Assert.IsAssignableFrom<IPredictor>(result.BestModel);
        Assert.True(model.Score(iris) > 0.9);
        var noRefit = NbSearch("""{"var_smoothing":[1e-9]}""");
        noRefit.Refit = false;
        Assert.Null(noRefit.Fit(iris).BestModel);
    }

    [Fact]
    public void MultipleScorersAndTrainScores()
    {
        var search = NbSearch("""{"var_smoothing":[1e-9,1e-3]}""");
        search.Scoring = ["accuracy", "neg_log_loss"];
        search.ReturnTrainScore = true;
        var cv = search.Fit(TestData.Load("iris")).CvResults;
        foreach (var s in new[] { "accuracy", "neg_log_loss" })
        {
            foreach (var prefix in new[] { "split0_test_", "mean_test_", "std_test_", "rank_test_", "split2_train_", "mean_train_", "std_train_" })
                Assert.Contains(prefix + s, cv.Columns);
        }
        Assert.True(cv.Columns.ToList().IndexOf("rank_test_accuracy") < cv.Columns.ToList().IndexOf("split0_test_neg_log_loss"));
        Assert.All(cv.Numbers("mean_test_neg_log_loss"), v => Assert.True(v < 0));
    }

    [Fact]
    public void FailingCandidateGetsNaNAndKeepsItsMessage()
    {
        var search = new GridSearch(new DummyClassifier { Strategy = DummyClassifierStrategy.Constant }, ParamGrid.Parse("""{"constant":[0.0,1.0,7.0]}"""))
        {
            Executor = new LocalExecutor(2),
        };
        var result = search.Fit(TestData.Load("iris"));
        var cv = result.CvResults;
        Assert.True(double.IsNaN(cv.Numbers("mean_test_score")[2]));
        Assert.Equal(3.0, cv.Numbers("rank_test_score")[2]);
        Assert.Equal([1.0, 1.0], cv.Numbers("rank_test_score")[..2]);
        Assert.Equal(0, result.BestIndex);
        Assert.StartsWith("ParameterException: The constant target value must be present in the training data", cv.Errors[2]);
        Assert.Null(cv.Errors[0]);
    }

    [Fact]
    public void NumericErrorScoreIsRecorded()
    {
        var search = new GridSearch(new DummyClassifier { Strategy = DummyClassifierStrategy.Constant }, ParamGrid.Parse("""{"constant":[0.0,7.0]}"""))
        {
            Executor = new LocalExecutor(1), ErrorScore = -1,
        };
        Assert.All(search.Fit(TestData.Load("iris")).CvResults.Candidates[1].TestScores[0], s => Assert.Equal(-1, s));
    }

    [Fact]
    public void ErrorScoreRaiseThrowsTheFitError()
    {
        var search = new GridSearch(new DummyClassifier { Strategy = DummyClassifierStrategy.Constant }, ParamGrid.Parse("""{"constant":[0.0,7.0]}"""))
        {
            Executor = new LocalExecutor(2), ErrorScore = null,
        };
        var e = Assert.Throws<SearchFitException>(() => search.Fit(TestData.Load("iris")));
        Assert.Contains("constant target value must be present", e.Message);
    }

    [Fact]
    public void AllFitsFailingIsAnError()
    {
        var search = new GridSearch(new DummyClassifier { Strategy = DummyClassifierStrategy.Constant }, ParamGrid.Parse("""{"constant":[7.0,8.0]}"""))
        {
            Executor = new LocalExecutor(2),
        };
        var e = Assert.Throws<SearchFitException>(() => search.Fit(TestData.Load("iris")));
        Assert.Contains("All the 10 fits failed", e.Message);
        Assert.Contains("ParameterException", e.Message);
    }

    [Fact]
    public void UnknownNamesAndBadValuesFailBeforeAnyFit()
    {
        var iris = TestData.Load("iris");
        foreach (var grid in new[] { """{"var_smoothing":[1e-9],"max_depth":[3]}""", """{"var_smoothing":[1e-9,-1.0]}""", """{"var_smoothing":["big"]}""" })
        {
            var recorder = new RecordingExecutor(new LocalExecutor(1));
            var search = new GridSearch(new GaussianNB(), ParamGrid.Parse(grid)) { Executor = recorder };
            var e = Assert.Throws<ParameterException>(() => search.Fit(iris));
            Assert.Contains(grid.Contains("max_depth") ? "max_depth" : "var_smoothing", e.Message);
            Assert.Equal(0, recorder.TasksSubmitted);
        }
        Assert.Throws<ArgumentException>(() => new GridSearch(new GaussianNB(), ParamGrid.Parse("""{"var_smoothing":[1e-9]}""")) { Scoring = ["acc"] }.Fit(iris));
    }

    [Fact]
    public void ScoresAreBitIdenticalAcrossThreadCounts()
    {
        var data = TestData.Load("wine");
        SearchResult Run(int jobs)
        {
            var search = new GridSearch(new DummyClassifier(), ParamGrid.Parse("""{"strategy":["stratified","uniform","prior"]}"""))
            {
                Executor = new LocalExecutor(jobs), Cv = new StratifiedKFold(5, true, 1), Seed = 42, Scoring = ["accuracy", "f1_macro"],
            };
            return search.Fit(data);
        }
        var one = Run(1).CvResults;
        var two = Run(2).CvResults;
        foreach (var column in one.Columns.Where(c => c.Contains("_test_")))
            Assert.Equal(one.Numbers(column), two.Numbers(column));
        // The seed reached the random strategies: another seed gives other scores.
        var reseeded = new GridSearch(new DummyClassifier(), ParamGrid.Parse("""{"strategy":["stratified","uniform","prior"]}"""))
        {
            Executor = new LocalExecutor(1), Cv = new StratifiedKFold(5, true, 1), Seed = 43, Scoring = ["accuracy", "f1_macro"],
        }.Fit(data).CvResults;
        Assert.NotEqual(one.Numbers("mean_test_accuracy")[..2], reseeded.Numbers("mean_test_accuracy")[..2]);
        Assert.Equal(one.Numbers("mean_test_accuracy")[2], reseeded.Numbers("mean_test_accuracy")[2]);
    }

    [Fact]
    public void CancellationReturnsFinishedCandidatesPromptly()
    {
        var digits = TestData.Load("digits");
        using var cts = new CancellationTokenSource();
        var cancelledAt = new Stopwatch();
        // 2,000 tree fits: too many to all finish before the cancellation stops them, even on a loaded machine.
        var search = new GridSearch(new Scalearn.Trees.DecisionTreeClassifier(), ParamGrid.Parse($$"""{"random_state":[{{string.Join(",", Enumerable.Range(0, 400))}}]}"""))
        {
            Executor = new LocalExecutor(2),
            Progress = new CancelAfter(12, () => { cancelledAt.Start(); cts.Cancel(); }),
        };
        var result = search.Fit(digits, cts.Token);
        cancelledAt.Stop();
        Assert.False(result.Completed);
        Assert.Null(result.BestModel);
        Assert.InRange(result.CvResults.Count, 1, 399);
        Assert.All(result.CvResults.Numbers("mean_test_score"), s => Assert.InRange(s, 0.5, 1.0));
        Assert.True(cancelledAt.Elapsed < TimeSpan.FromSeconds(1), $"took {cancelledAt.Elapsed} after cancel");
    }

    [Fact]
    public void CancellationKeepsTheFitsThatFinishedWhileTheSearchLagged()
    {
        var digits = TestData.Load("digits");
        using var cts = new CancellationTokenSource();
        int lastDone = 0;
        // 1,000 tree fits of about a millisecond each; the search's loop first looks at results 0.3 s in (as a loop
        // writing a journal can lag behind the fits).
        var search = new GridSearch(new Scalearn.Trees.DecisionTreeClassifier(), ParamGrid.Parse($$"""{"random_state":[{{string.Join(",", Enumerable.Range(0, 200))}}]}"""))
        {
            Executor = new RecordingExecutor(new LocalExecutor(2)) { ResultsLag = TimeSpan.FromMilliseconds(300) },
            Progress = new Reporter<JobProgress>(p =>
            {
                lock (cts)
                {
                    lastDone = Math.Max(lastDone, p.Done);
                    if (p.Done >= 12) cts.Cancel();
                }
            }),
        };
        var result = search.Fit(digits, cts.Token);
        Assert.False(result.Completed);
        int done;
        lock (cts) done = lastDone;
        // How many fits ran before the stop is not asserted: the progress reports that trigger the cancellation pass
        // through the thread pool, and under a loaded test run they lagged until 968 of the 1,000 fits had finished.
        Assert.InRange(done, 12, 1000);
        // The fits done by then hold at least two whole candidates of 5 folds (they run in candidate order on two slots),
        // each in the results although the loop had seen none of them when it was cancelled.
        Assert.InRange(result.CvResults.Count, 2, done / 5);
    }

    /// <summary>Reports on the reporting thread (<see cref="Progress{T}"/> would post them elsewhere).</summary>
    private sealed class Reporter<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    [Fact]
    public void CsvAndJsonHaveEveryColumn()
    {
        var cv = NbSearch("""{"var_smoothing":[1e-9,0.5]}""").Fit(TestData.Load("iris")).CvResults;
        var csv = new StringWriter();
        cv.WriteCsv(csv);
        var lines = csv.ToString().TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("mean_fit_time,std_fit_time,mean_score_time,std_score_time,param_var_smoothing,params,split0_test_score", lines[0]);
        Assert.Contains("\"{\"\"var_smoothing\"\":0.5}\"", lines[2]);
        using var stream = new MemoryStream();
        cv.WriteJson(stream);
        using var doc = JsonDocument.Parse(stream.ToArray());
        var columns = doc.RootElement.GetProperty("columns");
        Assert.Equal(cv.Columns, columns.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(cv.Numbers("mean_test_score")[1], columns.GetProperty("mean_test_score")[1].GetDouble());
        Assert.Equal(0.5, columns.GetProperty("params")[1].GetProperty("var_smoothing").GetDouble());
    }
}
