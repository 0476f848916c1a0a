using Scalearn.Boosting.Native;
using Scalearn.Data;

namespace Scalearn.Boosting;

/// <summary>
/// The LightGBM part of a fitted boosting model: its model text and the native boosters loaded from it, or, while a
/// fit runs, the booster being trained (so that early-stopping scorers can call the ordinary model API on it).
/// Fitted models predict from boosters loaded from the saved text, so a model read back from a file predicts bit for
/// bit like the one that was fitted.
/// </summary>
internal sealed class BoosterCore
{
    private readonly BoosterPool? _pool;
    private readonly NativeTrainer? _live;

    private BoosterCore(string? text, BoosterPool? pool, NativeTrainer? live, int? nJobs)
    {
        ModelText = text;
        _pool = pool;
        _live = live;
        NJobs = nJobs;
    }

    /// <summary>LightGBM's model text; null for a booster still in training.</summary>
    public string? ModelText { get; }

    /// <summary>n_jobs of the estimator, which also sets prediction threads.</summary>
    public int? NJobs { get; }

    public double[] SplitImportances { get; private init; } = [];
    public double[] GainImportances { get; private init; } = [];
    public int Iterations { get; private init; }

    /// <summary>Loads <paramref name="text"/> and checks that it holds a model of the expected shape.</summary>
    public static BoosterCore Load(string text, int? nJobs, int features, int treesPerIteration)
    {
        var pool = new BoosterPool(text);
        return pool.Use(booster =>
        {
            int actualFeatures = NativeModelInfo.FeatureCount(booster);
            int actualTrees = NativeModelInfo.TreesPerIteration(booster);
            if (actualFeatures != features || actualTrees != treesPerIteration)
                throw new InvalidDataException(
                    $"the LightGBM model has {actualFeatures} features and {actualTrees} trees per iteration; expected {features} and {treesPerIteration}");
            return new BoosterCore(text, pool, null, nJobs)
            {
                Iterations = NativeModelInfo.Iterations(booster),
                SplitImportances = NativeModelInfo.FeatureImportance(booster, LightGbmApi.ImportanceSplit, features),
                GainImportances = NativeModelInfo.FeatureImportance(booster, LightGbmApi.ImportanceGain, features),
            };
        });
    }

    /// <summary>A view of a booster in training, usable on the training thread only.</summary>
    public static BoosterCore Live(NativeTrainer trainer) => new(null, null, trainer, null);

    /// <summary>Predictions for every row, <paramref name="outputsPerRow"/> values per row.</summary>
    public double[] Predict(DataView x, int predictType, int outputsPerRow)
    {
        using var lease = NativeThreads.Enter(ThreadCount.Resolve(NJobs), adopt: true);
        if (_live is not null) return NativePrediction.Predict(_live.Handle, x, predictType, -1, outputsPerRow, lease.Threads);
        return _pool!.Use(booster => NativePrediction.Predict(booster, x, predictType, -1, outputsPerRow, lease.Threads));
    }
}
