using Microsoft.Data.Sqlite;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.ModelSelection;
using Scalearn.Reporting.Model;
using Scalearn.Reporting.Readers;

namespace Scalearn.Reporting.Tests.Journal;

public sealed class JournalReaderTests
{
    private static string NewPath() => Path.Combine(Fixture.TempDir(), "search.db");

    [Fact]
    public void A_finished_journal_reads_as_the_same_trials_as_its_cv_results_with_wall_clock_times()
    {
        var digits = FixtureJournal.Digits;
        var path = NewPath();
        using (var journal = new FixtureJournal(path, 3))
        {
            foreach (var t in digits.Trials) journal.Run(t, worker: t.Number % 2 == 0 ? "w1" : "w2");
            journal.Status("completed");
        }
        var record = JournalReader.Read(path);
        Assert.Equal("completed", record.Status);
        Assert.Equal("GridSearch of random-forest-classifier on digits", record.Description);
        Assert.Equal(16, record.Trials.Count);
        Assert.True(record.HasWallClock);
        Assert.Empty(record.Notes);
        foreach (var (expected, actual) in digits.Trials.Zip(record.Trials))
        {
            Assert.Equal(expected.Number, actual.Number);
            Assert.Equal(TrialState.Complete, actual.State);
            Assert.Equal(expected.Value, actual.Value, 12);
            Assert.Equal(expected.SplitScores, actual.SplitScores);
            Assert.Equal(expected.Params.OrderBy(p => p.Key), actual.Params.OrderBy(p => p.Key));
            Assert.Equal(expected.FitSeconds, actual.FitSeconds, 12);
            Assert.NotNull(actual.Start);
            Assert.True(actual.Complete >= actual.Start);
        }
        using var reader = JournalReader.Open(path);
        reader.Refresh();
        Assert.Equal(24, reader.Workers["w1"].Tasks);
        Assert.Equal(24, reader.Workers["w2"].Tasks);
        Assert.Equal(48, reader.TaskCount);
    }

    [Fact]
    public void Refresh_reads_only_what_changed_while_the_search_writes()
    {
        var trials = FixtureJournal.Digits.Trials;
        var path = NewPath();
        using var journal = new FixtureJournal(path, 3);
        journal.Propose(trials[0]);
        journal.Propose(trials[1]);
        using var reader = JournalReader.Open(path);
        Assert.True(reader.Refresh());
        Assert.False(reader.Refresh());
        Assert.Equal(2, reader.Trials.Count);
        Assert.All(reader.Trials.Values, t => Assert.Equal(TrialState.Running, t.State));
        Assert.True(reader.DriverRunning());

        journal.Fold(trials[0], 0);
        journal.Fold(trials[0], 1);
        Assert.True(reader.Refresh());
        Assert.Equal(2, reader.Trials[0].Tasks.Count);
        var running = reader.ToRecord();
        Assert.Equal(TrialState.Running, running.Trials[0].State);
        Assert.Equal(2, running.Trials[0].SplitScores.Count);
        Assert.Contains(running.Notes, n => n.Contains("2 trials not finished"));

        // The last fold and the score are separate writes: a poll between them sees the fold, the next one the score.
        journal.Fold(trials[0], 2);
        Assert.True(reader.Refresh());
        Assert.Equal(TrialState.Running, reader.Trials[0].State);
        journal.Score(trials[0]);
        Assert.True(reader.Refresh());
        Assert.Equal(TrialState.Complete, reader.Trials[0].State);
        Assert.Equal(trials[0].Value, reader.Trials[0].Value, 12);

        journal.Run(trials[2]);
        Assert.True(reader.Refresh());
        Assert.Equal(3, reader.Trials.Count);
        Assert.Equal(TrialState.Complete, reader.Trials[2].State);
        Assert.Equal(TrialState.Running, reader.Trials[1].State);
        Assert.Equal(6, reader.TaskCount);
        Assert.Equal("running", reader.Info.Status);
    }

    [Fact]
    public void A_journal_left_running_by_a_killed_driver_reads_as_interrupted()
    {
        var trials = FixtureJournal.Digits.Trials;
        var path = NewPath();
        using (var journal = new FixtureJournal(path, 3))
        {
            journal.Run(trials[0]);
            journal.Propose(trials[1]);
            journal.Fold(trials[1], 0);
        }
        var record = JournalReader.Read(path);
        Assert.Equal("interrupted", record.Status);
        Assert.Equal([TrialState.Complete, TrialState.Running], record.Trials.Select(t => t.State));
    }

    [Fact]
    public void Another_scorer_is_the_mean_of_its_fold_scores_with_failed_folds_at_the_error_score()
    {
        var trial = FixtureJournal.Digits.Trials[0];
        var path = NewPath();
        using (var journal = new FixtureJournal(path, 2, ["accuracy", "f1_macro"], errorScore: "0"))
        {
            journal.Propose(trial);
            journal.Fold(trial, 0, scores: [0.9, 0.8]);
            journal.Fold(trial, 1, error: "ValueError: boom");
            journal.Score(trial, value: 0.45);
            journal.Status("completed");
        }
        var accuracy = JournalReader.Read(path);
        Assert.Equal(["accuracy", "f1_macro"], accuracy.Scorers);
        Assert.Equal(0.45, accuracy.Trials[0].Value);
        Assert.Equal([0.9, 0.0], accuracy.Trials[0].SplitScores);
        Assert.Equal("ValueError: boom", accuracy.Trials[0].Error);
        var f1 = JournalReader.Read(path, "f1_macro");
        Assert.Equal(0.4, f1.Trials[0].Value, 12);
        var e = Assert.Throws<ArgumentException>(() => JournalReader.Read(path, "r2"));
        Assert.Contains("--scorer must be one of accuracy, f1_macro", e.Message);
    }

    [Fact]
    public void Every_fold_failing_makes_a_failed_trial()
    {
        var trial = FixtureJournal.Digits.Trials[0];
        var path = NewPath();
        using (var journal = new FixtureJournal(path, 2))
        {
            journal.Propose(trial);
            journal.Fold(trial, 0, error: "ValueError: boom");
            journal.Fold(trial, 1, error: "ValueError: boom");
            journal.Score(trial, value: double.NaN, failed: true);
        }
        var record = JournalReader.Read(path);
        Assert.Equal(TrialState.Fail, record.Trials[0].State);
        Assert.False(record.Trials[0].HasScore);
    }

    [Fact]
    public void A_real_grid_search_journal_matches_its_cv_results()
    {
        var rng = new Random(3);
        var rows = Enumerable.Range(0, 90).Select(i => new[] { rng.NextDouble() + (i % 3), rng.NextDouble(), rng.NextDouble() * (i % 3) }).ToArray();
        var data = new Dataset(Matrix.FromRows(rows), Enumerable.Range(0, 90).Select(i => (double)(i % 3)).ToArray(), name: "three-blobs");
        var path = NewPath();
        var search = new GridSearch(EstimatorRegistry.Create("decision-tree-classifier"), ParamGrid.Parse("""{"max_depth":[1,2,null],"criterion":["gini","entropy"]}"""))
        {
            Cv = new StratifiedKFold(3), Journal = path, Scoring = ["accuracy", "f1_macro"],
        };
        var result = search.Fit(data);
        var record = JournalReader.Read(path);
        Assert.Equal("completed", record.Status);
        Assert.Equal(result.CvResults.Count, record.Trials.Count);
        Assert.Equal(result.CvResults.Numbers("mean_test_accuracy"), record.Trials.Select(t => t.Value));
        Assert.Equal(result.CvResults.Numbers("split2_test_accuracy"), record.Trials.Select(t => t.SplitScores[2]));
        Assert.Equal(result.CvResults.Numbers("mean_test_f1_macro"), JournalReader.Read(path, "f1_macro").Trials.Select(t => t.Value));
        Assert.StartsWith("GridSearch of ", record.Description);
        Assert.EndsWith(" on three-blobs", record.Description);
    }

    [Fact]
    public void Files_that_are_not_journals_are_refused_naming_the_file()
    {
        var dir = Fixture.TempDir();
        Assert.Throws<FileNotFoundException>(() => JournalReader.Read(Path.Combine(dir, "nope.db")));

        var text = Path.Combine(dir, "text.db");
        File.WriteAllText(text, "not a database at all, just text");
        var e = Assert.Throws<InvalidDataException>(() => JournalReader.Read(text));
        Assert.Equal($"{text} is not a search journal (not an SQLite database).", e.Message);

        var other = Path.Combine(dir, "other.db");
        Execute(other, "CREATE TABLE meta (key TEXT, value TEXT);");
        e = Assert.Throws<InvalidDataException>(() => JournalReader.Read(other));
        Assert.Contains("lacks the trials, tasks table(s)", e.Message);

        var future = Path.Combine(dir, "future.db");
        Execute(future, """
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); CREATE TABLE trials (trial INTEGER); CREATE TABLE tasks (trial INTEGER);
            INSERT INTO meta VALUES ('format_version', '2');
            """);
        e = Assert.Throws<InvalidDataException>(() => JournalReader.Read(future));
        Assert.Contains("journal format 2; this version of Scalearn reads format 1", e.Message);
        Assert.False(JournalReader.IsJournal(text));
        Assert.True(JournalReader.IsJournal(future));
    }

    [Fact]
    public void A_folder_with_a_journal_reports_from_it_and_two_journals_are_ambiguous()
    {
        var dir = Fixture.Copy("digits");
        using (var journal = new FixtureJournal(Path.Combine(dir, "search.db"), 3))
        {
            foreach (var t in FixtureJournal.Digits.Trials.Take(5)) journal.Run(t);
        }
        var record = ReportInputs.Load(dir);
        Assert.Equal(5, record.Trials.Count);
        Assert.True(record.HasWallClock);
        Assert.Equal("interrupted", record.Status);

        using (new FixtureJournal(Path.Combine(dir, "again.sqlite"), 3)) { }
        var e = Assert.Throws<ArgumentException>(() => ReportInputs.Load(dir));
        Assert.Contains("holds 2 search journals (again.sqlite, search.db): pick one with --journal", e.Message);
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
