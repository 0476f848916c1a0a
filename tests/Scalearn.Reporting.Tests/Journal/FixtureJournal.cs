using Scalearn.Estimators;
using Scalearn.ModelSelection;
using Scalearn.ModelSelection.Journal;
using Scalearn.Reporting.Model;

namespace Scalearn.Reporting.Tests.Journal;

/// <summary>
/// Writes a search journal the way a search does (through <see cref="SearchJournal"/>), from known trials: each trial
/// proposed, then its folds and score recorded, so tests control exactly what a reader sees and when.
/// </summary>
public sealed class FixtureJournal : IDisposable
{
    private readonly SearchJournal _journal;
    private readonly int _splits;

    public FixtureJournal(string path, int splits, IReadOnlyList<string>? scorers = null, string errorScore = "nan", string search = "GridSearch",
        string estimator = "random-forest-classifier", string dataset = "digits")
    {
        _splits = splits;
        Path = path;
        scorers ??= ["score"];
        _journal = SearchJournal.Open(path,
            new Dictionary<string, string> { ["data"] = "fixture", ["settings"] = $"{{\"error_score\":{errorScore}}}" },
            new Dictionary<string, string>
            {
                ["search"] = search, ["estimator_name"] = estimator, ["dataset"] = dataset, ["n_splits"] = splits.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["scoring_names"] = RawJson.ToJson(scorers.Cast<object?>().ToArray()),
            });
    }

    public string Path { get; }

    /// <summary>The digits grid of the report fixtures (16 candidates, 3 folds), for journals of a known search.</summary>
    public static SearchRecord Digits => Scalearn.Reporting.Readers.ReportInputs.Load(Fixture.Path("digits"));

    public void Propose(Trial trial) => _journal.RecordTrial(new JournalTrial(trial.Number, RawJson.ToJson(new SortedDictionary<string, object?>(
        trial.Params.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal)), trial.Iter, trial.NResources is double n ? (long)n : null));

    /// <summary>Records fold <paramref name="split"/> of <paramref name="trial"/> with its score on every scorer (or as failed).</summary>
    public void Fold(Trial trial, int split, string worker = "local", double[]? scores = null, string? error = null)
    {
        scores ??= [trial.SplitScores[split]];
        if (error is not null) scores = scores.Select(_ => double.NaN).ToArray();
        double fit = double.IsFinite(trial.FitSeconds) ? trial.FitSeconds : 0.1, score = double.IsFinite(trial.ScoreSeconds) ? trial.ScoreSeconds : 0.01;
        var result = new FitResult(trial.Number, split, scores, null, fit, score, error);
        _journal.RecordTask(trial.Number, split, FitScoreKind.Instance.EncodeResult(result), error, worker, fit + score);
    }

    public void Score(Trial trial, double? value = null, bool failed = false) => _journal.RecordScore(trial.Number, value ?? trial.Value, failed);

    /// <summary>Proposes, runs every fold of, and scores <paramref name="trial"/>.</summary>
    public void Run(Trial trial, string worker = "local")
    {
        Propose(trial);
        for (int s = 0; s < _splits; s++) Fold(trial, s, worker);
        Score(trial);
    }

    public void Status(string status) => _journal.RecordStatus(status);

    public void Dispose() => _journal.Dispose();
}
