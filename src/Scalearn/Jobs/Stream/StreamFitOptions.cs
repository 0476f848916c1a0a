using Scalearn.Execution;

namespace Scalearn.Jobs;

/// <summary>Settings of an out-of-core fit (<see cref="StreamTrainer"/>).</summary>
public sealed record StreamFitOptions
{
    /// <summary>Rows per chunk: one partial_fit call each.</summary>
    public int ChunkSize { get; init; } = 10_000;

    /// <summary>Passes over the file.</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>
    /// Visit the chunks in a new random order every epoch (seeded by <see cref="RandomState"/>). The chunks are then the
    /// file's partitions of about <see cref="ChunkSize"/> rows (CSV: cut at record starts by one scan of the file;
    /// Parquet: whole row groups), read directly by position.
    /// </summary>
    public bool ShuffleChunks { get; init; }

    /// <summary>Seed of the chunk order; null draws one (not reproducible).</summary>
    public int? RandomState { get; init; }

    /// <summary>
    /// Threads parsing chunks ahead of the learner (delivered in learning order; the result does not depend on it); null: one per core,
    /// at most <see cref="Data.Tables.TableReader.MaxParsers"/>.
    /// </summary>
    public int? ParseThreads { get; init; }

    /// <summary>Columns left out of the features, such as an id column (which may hold text).</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>The only feature columns (the file's order is kept); null: every column but the target and <see cref="Exclude"/>.</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>Target column; null reads none (transformers, clusterers). Supervised estimators need it.</summary>
    public string? Target { get; init; } = "target";

    /// <summary>
    /// A classifier's classes for its first partial_fit (scikit-learn's classes=); null finds them by a first pass over
    /// the target column alone.
    /// </summary>
    public IReadOnlyList<double>? Classes { get; init; }

    /// <summary>
    /// A classifier's text class labels (a target column of text), instead of <see cref="Classes"/>; null finds them by
    /// a first pass when the target holds text.
    /// </summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>One report per chunk learned, in learning order.</summary>
    public IProgress<StreamFitProgress>? Progress { get; init; }

    /// <summary>The executor job's own progress (tasks, workers), e.g. to watch a cluster.</summary>
    public IProgress<JobProgress>? JobProgress { get; init; }
}

/// <summary>
/// A chunk learned: <paramref name="Score"/> is its progressive-validation score (the model before this chunk scored
/// on it; NaN for the first chunk or a model that does not predict) and <paramref name="MeanScore"/> the mean of the
/// chunk scores so far in this epoch.
/// </summary>
public sealed record StreamFitProgress(int Epoch, int Chunk, long FirstRow, int Rows, double Score, double MeanScore, long RowsLearned, double RowsPerSecond);

/// <summary>The fitted model and what the stream showed.</summary>
/// <param name="EpochScores">Mean progressive-validation score of each epoch (NaN when nothing was scored).</param>
public sealed record StreamFitResult(Estimators.IModel Model, IReadOnlyList<string> FeatureNames, string? ScoreName,
    IReadOnlyList<double> EpochScores, long RowsLearned, int Chunks, TimeSpan Elapsed)
{
    public double RowsPerSecond => Elapsed > TimeSpan.Zero ? RowsLearned / Elapsed.TotalSeconds : 0;
}
