using Scalearn.Boosting.Native;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Metrics;

namespace Scalearn.Boosting;

/// <summary>
/// scikit-learn's HistGradientBoosting early stopping: a score (the negated loss, or a scorer) on the validation set
/// (or the training data without one) before the first iteration and after each; training stops when none of the last
/// n_iter_no_change scores beats the one before them by more than tol. The trees built so far are all kept.
/// </summary>
internal sealed class EarlyStopping
{
    private readonly int _patience;
    private readonly double _tol;
    private readonly bool _useValidation;
    private readonly Func<NativeTrainer?, (double Train, double Validation)> _score;

    private EarlyStopping(int patience, double tol, bool useValidation, Func<NativeTrainer?, (double, double)> score)
    {
        _patience = patience;
        _tol = tol;
        _useValidation = useValidation;
        _score = score;
    }

    public List<double> TrainScores { get; } = [];
    public List<double> ValidationScores { get; } = [];

    /// <summary>Scores by the training loss: the booster's current predictions of its training (0) and validation (1) sets.</summary>
    public static EarlyStopping ByLoss(int patience, double tol, BoostingLoss loss, int classes, double quantile,
        float[] trainLabels, float[]? trainWeights, float[]? validLabels, float[]? validWeights)
    {
        var baseline = BoostingLosses.Baseline(loss, trainLabels, trainWeights, classes, quantile);
        double Score(NativeTrainer? trainer, int set, float[] labels, float[]? weights) =>
            -BoostingLosses.Mean(loss, trainer?.CurrentPredictions(set) ?? BoostingLosses.Repeat(baseline, labels.Length), labels, weights, classes, quantile);
        return new EarlyStopping(patience, tol, validLabels is not null, trainer =>
            (Score(trainer, 0, trainLabels, trainWeights), validLabels is null ? double.NaN : Score(trainer, 1, validLabels, validWeights)));
    }

    /// <summary>Scores with a scorer on models that predict with the booster in training (<paramref name="modelOf"/>).</summary>
    public static EarlyStopping ByScorer(int patience, double tol, IScorer scorer, DataView smallTrain, DataView? validation,
        Func<BoosterCore, IModel> modelOf, IModel baseline)
    {
        return new EarlyStopping(patience, tol, validation is not null, trainer =>
        {
            var model = trainer is null ? baseline : modelOf(BoosterCore.Live(trainer));
            return (scorer.Score(model, smallTrain), validation is { } v ? scorer.Score(model, v) : double.NaN);
        });
    }

    /// <summary>Records the score of the model before its first iteration.</summary>
    public void Start() => Record(null);

    /// <summary>Records the score after an iteration; true when training should stop.</summary>
    public bool AfterRound(NativeTrainer trainer)
    {
        Record(trainer);
        var scores = _useValidation ? ValidationScores : TrainScores;
        int reference = _patience + 1;
        if (scores.Count < reference) return false;
        double referenceScore = scores[^reference] + _tol;
        for (int i = scores.Count - _patience; i < scores.Count; i++)
            if (scores[i] > referenceScore) return false;
        return true;
    }

    private void Record(NativeTrainer? trainer)
    {
        var (train, validation) = _score(trainer);
        TrainScores.Add(train);
        if (_useValidation) ValidationScores.Add(validation);
    }
}
