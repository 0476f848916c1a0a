using Scalearn.Reporting.Model;
using Scalearn.Reporting.Readers;

namespace Scalearn.Reporting.Tests.Readers;

public sealed class ReaderTests
{
    private static string WriteFile(string name, string text)
    {
        var path = Path.Combine(Fixture.TempDir(), name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Cv_results_of_scalearn_tune_become_one_trial_per_candidate()
    {
        var record = ReportInputs.Load(Fixture.Path("digits"));
        Assert.Equal(16, record.Trials.Count);
        Assert.Equal("score", record.Scorer);
        Assert.Equal(3, record.SplitCount);
        var first = record.Trials[0];
        Assert.Equal(["criterion", "max_depth", "max_features", "n_estimators"], first.Params.Keys.Order());
        Assert.Null(first.Params["max_depth"]);
        Assert.Equal(40L, first.Params["n_estimators"]);
        Assert.Equal(first.SplitScores.Average(), first.Value, 12);
        Assert.False(record.HasWallClock);
        Assert.Contains(record.Notes, n => n.Contains("No trials.csv"));
    }

    [Fact]
    public void Halving_results_carry_rungs_and_resources()
    {
        var record = ReportInputs.Load(Fixture.Path("halving"));
        Assert.True(record.IsHalving);
        Assert.Equal([24, 8, 3], record.Trials.GroupBy(t => t.Iter).Select(g => g.Count()));
        Assert.All(record.Trials, t => Assert.NotNull(t.NResources));
    }

    [Fact]
    public void Several_scorers_pick_the_requested_one_and_refuse_an_unknown_one()
    {
        var path = WriteFile("cv_results.json", """
            {"columns": {"mean_fit_time": [0.1, 0.2], "params": [{"a": 1}, {"a": 2}],
             "split0_test_accuracy": [0.5, 0.6], "mean_test_accuracy": [0.5, 0.6],
             "split0_test_f1": [0.1, null], "mean_test_f1": [0.1, null]}, "errors": [null, "ValueError: boom"]}
            """);
        var f1 = CvResultsReader.Read(path, "f1");
        Assert.Equal(["accuracy", "f1"], f1.Scorers);
        Assert.Equal(0.1, f1.Trials[0].Value);
        Assert.Equal(TrialState.Fail, f1.Trials[1].State);
        Assert.Equal("ValueError: boom", f1.Trials[1].Error);
        Assert.Equal(0.5, CvResultsReader.Read(path).Trials[0].Value);
        var e = Assert.Throws<ArgumentException>(() => CvResultsReader.Read(path, "r2"));
        Assert.Contains("--scorer must be one of accuracy, f1", e.Message);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("""{"rows": []}""", "expected an object with a \"columns\" object")]
    [InlineData("""{"columns": {"mean_test_score": [1, 2], "params": [{}]}}""", "column 'params' has 1 values but earlier columns have 2")]
    [InlineData("""{"columns": {"mean_fit_time": [1]}}""", "no mean_test_<scorer> column")]
    [InlineData("""{"columns": {"mean_test_score": ["high"]}}""", "column 'mean_test_score', row 0: expected a number")]
    public void Bad_cv_results_are_refused_naming_the_file_and_the_problem(string json, string message)
    {
        var path = WriteFile("cv_results.json", json);
        var e = Assert.Throws<InvalidDataException>(() => CvResultsReader.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Optuna_trials_dataframe_reads_states_pandas_durations_and_typed_params()
    {
        var trials = TrialsCsvReader.Read(Path.Combine(Fixture.Path("optuna"), "trials.csv"));
        Assert.Equal(40, trials.Count);
        Assert.Equal(31, trials.Count(t => t.State == TrialState.Complete));
        Assert.Equal(5, trials.Count(t => t.State == TrialState.Pruned));
        Assert.Equal(4, trials.Count(t => t.State == TrialState.Fail));
        Assert.All(trials.Where(t => t.State == TrialState.Fail), t => Assert.True(double.IsNaN(t.Value)));
        // Optuna keeps a pruned trial's last intermediate value; the report still leaves it out of the history.
        Assert.All(trials.Where(t => t.State == TrialState.Pruned), t => Assert.False(t.HasScore));
        var first = trials[0];
        Assert.IsType<double>(first.Params["C"]);
        Assert.IsType<long>(first.Params["degree"]);
        Assert.IsType<string>(first.Params["kernel"]);
        Assert.Equal((first.Complete!.Value - first.Start!.Value).TotalSeconds, first.Duration!.Value, 6);
    }

    [Theory]
    [InlineData("number,state\n0,DONE\n", "line 2, column 'state': state must be COMPLETE, FAIL, PRUNED, RUNNING or WAITING; got 'DONE'")]
    [InlineData("number,state\n0,COMPLETE\n0,COMPLETE\n", "line 3, column 'number': trial 0 appears twice")]
    [InlineData("number,state,value\n0,COMPLETE,high\n", "line 2, column 'value': expected a score, got 'high'")]
    [InlineData("number,state,duration\n0,COMPLETE,soon\n", "line 2, column 'duration': expected a duration in seconds")]
    [InlineData("number,state\n0,COMPLETE,extra\n", "line 2: 3 cells for the header's 2 columns")]
    [InlineData("state\nCOMPLETE\n", "no column 'number'")]
    public void Bad_trials_csv_is_refused_naming_the_file_line_and_column(string csv, string message)
    {
        var path = WriteFile("trials.csv", csv);
        var e = Assert.Throws<InvalidDataException>(() => TrialsCsvReader.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Trials_csv_joins_cv_results_by_number_and_adds_trials_only_it_knows()
    {
        var dir = Fixture.Copy("digits");
        File.WriteAllText(Path.Combine(dir, "trials.csv"), """
            number,state,value,datetime_start,datetime_complete,duration,params_n_estimators
            0,COMPLETE,0.9,2026-01-01T00:00:00Z,2026-01-01T00:00:02Z,2.0,40
            1,COMPLETE,0.9,2026-01-01T00:00:00Z,2026-01-01T00:00:03Z,3.0,80
            16,PRUNED,,2026-01-01T00:00:03Z,2026-01-01T00:00:04Z,1.0,40
            """);
        var record = ReportInputs.Load(dir);
        Assert.Equal(17, record.Trials.Count);
        Assert.True(record.HasWallClock);
        Assert.Equal(3.0, record.Trials[1].Duration);
        Assert.Equal(3, record.Trials[1].SplitScores.Count);
        Assert.Equal(TrialState.Pruned, record.Trials[16].State);
        Assert.DoesNotContain(record.Notes, n => n.Contains("No trials.csv"));
    }

    [Fact]
    public void Groups_csv_reads_scores_params_and_failures()
    {
        var groups = GroupsCsvReader.Read(Path.Combine(Fixture.Path("groups"), "groups.csv"));
        Assert.Equal(60, groups.Count);
        Assert.Equal(2, groups.Count(g => !g.Succeeded));
        Assert.Equal(1.0, groups[0].Params["alpha"]);
        Assert.StartsWith("ValueError", groups.First(g => !g.Succeeded).Error);
        var path = WriteFile("groups.csv", "group,rows,score,params,fit_seconds,status,error\na,ten,0.5,{},0.1,ok,\n");
        var e = Assert.Throws<InvalidDataException>(() => GroupsCsvReader.Read(path));
        Assert.Contains("line 2, column 'rows': expected a row count, got 'ten'", e.Message);
    }

    [Fact]
    public void A_folder_without_inputs_or_a_missing_folder_is_refused()
    {
        var empty = Fixture.TempDir();
        Assert.Contains("holds no cv_results.json, trials.csv or groups.csv", Assert.Throws<FileNotFoundException>(() => ReportInputs.Load(empty)).Message);
        Assert.Throws<DirectoryNotFoundException>(() => ReportInputs.Load(Path.Combine(empty, "missing")));
    }
}
