using Scalearn.Clustering;
using Scalearn.Data;
using Scalearn.Data.Tables;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Execution.Blobs;
using Scalearn.Numerics;
using Scalearn.Persistence;
using Scalearn.Pipelines;

namespace Scalearn.Jobs;

/// <summary>
/// Out-of-core learning: partial_fit over a CSV or Parquet file chunk by chunk, with progressive validation (each chunk
/// is scored by the model learned from the chunks before it, then learned from). Background threads parse a few chunks ahead, in
/// parallel (<see cref="TableReader.ParseAhead(string, TableOptions?, int, int?, bool, CancellationToken)"/>), so memory is set by the chunk size and the cores, not the file.
/// <para>
/// Learning is sequential, so the learner stays on the driver, where its state lives. On this machine each chunk is
/// scored in place. On another executor (a cluster) the executor scores: chunk k and the snapshot taken before learning
/// it go out as one <see cref="StreamScoreKind"/> task while the driver already learns from chunk k. A score is a pure
/// function of its two inputs, so a task re-run on another worker (a lost one) gives the same score, and the model
/// never leaves the driver: the output is the same on any executor.
/// </para>
/// </summary>
public static class StreamTrainer
{
    public static async Task<StreamFitResult> RunAsync(ITaskExecutor executor, string dataPath, IEstimator estimator,
        StreamFitOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executor);
        ArgumentNullException.ThrowIfNull(dataPath);
        ArgumentNullException.ThrowIfNull(estimator);
        options ??= new StreamFitOptions();
        if (options.ChunkSize < 1) throw new ArgumentOutOfRangeException(nameof(options), options.ChunkSize, "--chunk-size must be at least 1.");
        if (options.Epochs < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Epochs, "--epochs must be at least 1.");
        if (options.ParseThreads < 1) throw new ArgumentOutOfRangeException(nameof(options), options.ParseThreads, "ParseThreads must be at least 1 (or null: one per core).");
        var incremental = Incremental(estimator);
        bool classifier = EstimatorTraits.IsClassifier(estimator);
        var final = Final(estimator);
        CheckColumns(dataPath, options.Target, Supervised(final) ? final.TypeName : null);
        // A text target (class labels such as "spam") is coded by its sorted labels, found up front as scikit-learn's
        // partial_fit needs every class on the first call; the model records them, so it predicts the labels.
        if (options.ClassNames is not null && options.Classes is not null)
            throw new ArgumentException("Give the classes either as numbers (Classes) or as text labels (ClassNames), not both.", nameof(options));
        bool textTarget = options.Target is not null && TargetHoldsText(dataPath, options.Target);
        if (classifier && options.ClassNames is { } given && !textTarget)
            throw new ArgumentException($"--classes: text labels ({string.Join(", ", given)}) were given, but the target column '{options.Target}' of " +
                $"{dataPath} holds numbers; give its numeric classes instead, e.g. --classes 0,1.");
        var labels = classifier ? options.ClassNames?.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray()
            ?? (options.Classes is null && textTarget ? TextLabels(dataPath, options.Target!, options.ChunkSize, cancellationToken) : null) : null;
        var table = new TableOptions
        {
            Target = options.Target, ClassNames = labels, Exclude = options.Exclude, Features = options.Features, OptionNames = TableOptionNames.FixedWithDrop with { ClassNames = "--classes" },
        };
        if (!classifier && textTarget)
        {
            // An estimator that learns no target leaves a text one out (its score needs none); one that learns numbers cannot use it.
            if (Supervised(final))
                throw new ArgumentException($"--target: {final.TypeName} learns a numeric target, but the column '{options.Target}' of {dataPath} holds text.");
            table = table with { Target = null, Exclude = [.. options.Exclude, options.Target!] };
        }

        if (TableReader.ReadSchema(dataPath, table).Columns.All(c => c.Role != ColumnRole.Feature))
            throw new ArgumentException($"{dataPath}: found 0 feature(s) while a minimum of 1 is required by {final.TypeName}: " +
                "every feature column was left out (--drop, --features).");
        var classes = labels is not null ? labels.Select((_, k) => (double)k).ToArray()
            : classifier ? options.Classes?.Distinct().Order().ToArray() ?? Classes(dataPath, options.Target!, options.ChunkSize, cancellationToken) : null;
        var stream = new ChunkStream(dataPath, table, options, cancellationToken);
        var learner = incremental.StartIncremental();
        var board = new StreamScoreBoard(options.Progress);
        if (executor is LocalExecutor) LearnHere(stream, learner, classes, options.Target is not null, board);
        else await LearnScoringOnExecutor(executor, stream, learner, classes, options, board, cancellationToken);
        if (stream.Learned == 0) throw new ArgumentException($"{dataPath} has no data rows to learn from.");
        var model = learner.Snapshot();
        // What the model was fitted on, as a whole fit records it: a text target's labels make its predictions read as labels.
        ModelSchema.Record(model, new ModelSchema(stream.FeatureNames, model.FeatureCount, [], Supervised(final) ? options.Target : null, labels));
        return new StreamFitResult(model, stream.FeatureNames!, board.ScoredChunks > 0 ? ScoreName(estimator) : null, board.EpochMeans(),
            stream.Learned, stream.Chunks, board.Elapsed);
    }

    /// <summary>
    /// On this machine the chunk and the model are already in memory: each chunk is scored in place (a prediction costs
    /// far less than parsing the chunk) and its arrays go back to the reader once learned from.
    /// </summary>
    private static void LearnHere(ChunkStream stream, IIncrementalLearner learner, double[]? classes, bool score, StreamScoreBoard board)
    {
        foreach (var (epoch, index, chunk) in stream.Read(reuse: true))
        {
            double value = score && stream.Learned > 0 && learner.Snapshot() is IPredictor predictor ? predictor.Score(chunk) : double.NaN;
            learner.PartialFit(chunk, classes);
            stream.Done(chunk);
            board.Add(epoch, index, chunk.FirstRow, chunk.Count, value, stream.Learned);
        }
    }

    /// <summary>
    /// On a cluster each chunk and the snapshot taken before learning it go out as one <see cref="StreamScoreKind"/> task
    /// while the driver learns from the chunk; scores are reported in learning order as they come back.
    /// </summary>
    private static async Task LearnScoringOnExecutor(ITaskExecutor executor, ChunkStream stream, IIncrementalLearner learner, double[]? classes,
        StreamFitOptions options, StreamScoreBoard board, CancellationToken cancellationToken)
    {
        await using var job = executor.Start(StreamScoreKind.Instance, null, new JobOptions { Progress = options.JobProgress });
        var shared = new SharedChunks(job.Share, job.Unshare);
        await using var window = new ChunkWindow<StreamScoreTask, StreamScoreResult, Pending>(job, () => executor.Slots,
            (chunk, outcome) =>
            {
                if (outcome.Failed)
                    throw new InvalidOperationException($"Scoring rows {chunk.FirstRow + 1}-{chunk.FirstRow + chunk.Rows} of {stream.Path} failed: {outcome.Error}");
                shared.Release(outcome.Task.Model);
                shared.Release(outcome.Task.Rows);
            },
            (chunk, outcome) => board.Add(chunk.Epoch, chunk.Index, chunk.FirstRow, chunk.Rows, outcome.Result.Score, chunk.Learned),
            cancellationToken);
        foreach (var (epoch, index, chunk) in stream.Read(reuse: false))
        {
            var task = new StreamScoreTask(window.Next, "", "");
            if (options.Target is not null && stream.Learned > 0 && learner.Snapshot() is IPredictor and IPersistableModel snapshot)
            {
                var model = new BytesBlob(ModelFile.Serialize(snapshot, featureNames: stream.FeatureNames));
                var rows = new DatasetBlob(chunk.Data);
                shared.Share(model);
                shared.Share(rows);
                task = task with { Model = model.Id, Rows = rows.Id };
            }
            await window.SubmitAsync(task, new Pending(epoch, index, chunk.FirstRow, chunk.Count, stream.Learned + chunk.Count));
            learner.PartialFit(chunk, classes);
            stream.Done(chunk);
        }
        await window.FinishAsync();
    }

    /// <summary>The epochs' chunks in learning order, parsed ahead; counts what was learned.</summary>
    private sealed class ChunkStream(string path, TableOptions table, StreamFitOptions options, CancellationToken cancellationToken)
    {
        private readonly IReadOnlyList<TablePartition>? _partitions = options.ShuffleChunks ? Partitions(path, options.ChunkSize, cancellationToken) : null;
        private readonly Rng _order = Rng.FromOptionalSeed(options.RandomState);

        public string Path => path;
        public IReadOnlyList<string>? FeatureNames { get; private set; }
        public long Learned { get; private set; }
        public int Chunks { get; private set; }

        public IEnumerable<(int Epoch, int Index, TableChunk Chunk)> Read(bool reuse)
        {
            for (int epoch = 0; epoch < options.Epochs; epoch++)
            {
                int index = 0;
                foreach (var chunk in EpochChunks(reuse))
                {
                    FitInterruption.Check();
                    cancellationToken.ThrowIfCancellationRequested();
                    FeatureNames ??= chunk.Data.FeatureNames.ToArray();
                    yield return (epoch, index++, chunk);
                }
            }
        }

        private IEnumerable<TableChunk> EpochChunks(bool reuse) =>
            _partitions is null
                ? TableReader.ParseAhead(path, table, options.ChunkSize, options.ParseThreads, reuse, cancellationToken)
                : TableReader.ParseAhead(Shuffled(_partitions, _order), table, options.ParseThreads, cancellationToken).SelectMany(Slices);

        /// <summary>
        /// A partition of more than about a chunk's rows (a Parquet row group is never split into partitions) as chunks of
        /// at most --chunk-size rows, in an order of their own, so every chunk learned from has the size asked for.
        /// </summary>
        private IEnumerable<TableChunk> Slices(TableChunk partition)
        {
            int size = options.ChunkSize;
            if (partition.Count <= size + size / 2) return [partition];
            var starts = Enumerable.Range(0, (partition.Count + size - 1) / size).Select(k => k * size).ToArray();
            _order.Shuffle<int>(starts);
            return starts.Select(start =>
            {
                var rows = Enumerable.Range(start, Math.Min(size, partition.Count - start)).ToArray();
                return new TableChunk(partition.Schema, partition.FirstRow + start, partition.Data.Rows(rows).Materialize(), [], null);
            });
        }

        public void Done(TableChunk chunk)
        {
            Learned += chunk.Count;
            Chunks++;
        }
    }

    /// <summary>The estimator as an incremental one, or an error naming those that are.</summary>
    public static IIncrementalEstimator Incremental(IEstimator estimator)
    {
        if (estimator is Pipeline { LearnsIncrementally: false } pipeline)
        {
            var step = pipeline.Steps.First(s => s.Estimator is Pipeline nested ? !nested.LearnsIncrementally : s.Estimator is not IIncrementalEstimator);
            throw new ArgumentException($"Pipeline step '{step.Name}' ({step.Estimator.TypeName}) has no partial_fit; {IncrementalNames}.");
        }
        return estimator as IIncrementalEstimator
            ?? throw new ArgumentException($"{estimator.TypeName} has no partial_fit, so it cannot learn from a stream; {IncrementalNames}.");
    }

    private const string IncrementalNames =
        "the incremental estimators are SGDRegressor, SGDClassifier, GaussianNB, MiniBatchKMeans, StandardScaler, MinMaxScaler and pipelines of them";

    /// <summary>scikit-learn's default score of the final step: accuracy, R^2, or KMeans' minus inertia.</summary>
    private static string ScoreName(IEstimator estimator) =>
        EstimatorTraits.IsClassifier(estimator) ? "accuracy" : Final(estimator) is MiniBatchKMeans ? "neg_inertia" : "r2";

    private static IEstimator Final(IEstimator estimator) => estimator is IHasFinalEstimator composite ? Final(composite.FinalEstimator) : estimator;

    /// <summary>Whether the estimator learns from a target: all but those whose models transform (scalers, and clusterers, which also predict).</summary>
    private static bool Supervised(IEstimator estimator)
    {
        for (var type = estimator.GetType(); type is not null; type = type.BaseType)
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Estimator<>))
                return !typeof(ITransformerModel).IsAssignableFrom(type.GetGenericArguments()[0]);
        return true;
    }

    private static void CheckColumns(string dataPath, string? target, string? supervised)
    {
        if (!File.Exists(dataPath)) throw new FileNotFoundException($"Data file not found: {dataPath}", dataPath);
        var names = TableReader.ReadSchema(dataPath, TableOptions.AllColumns).Columns.Select(c => c.Name).ToArray();
        if (target is null && supervised is not null)
            throw new ArgumentException($"{supervised} learns from a target: name the target column (--target); {dataPath} has columns {string.Join(", ", names)}.");
        if (target is not null && !names.Contains(target))
            throw new ArgumentException($"--target: {dataPath} has no column '{target}'; its columns are: {string.Join(", ", names)}.");
    }

    /// <summary>The classes for a classifier's first partial_fit: one pass over the target column alone.</summary>
    private static double[] Classes(string dataPath, string target, int chunkSize, CancellationToken cancellationToken)
    {
        var classes = new SortedSet<double>();
        using var reader = TableReader.Open(dataPath, new TableOptions { Target = target, Features = [] });
        foreach (var chunk in reader.Chunks(Math.Max(chunkSize, TableReader.DefaultChunkRows), reuse: true))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (double y in chunk.Data.Y!) classes.Add(y);
        }
        return classes.ToArray();
    }

    /// <summary>Whether the target column holds text (CSV: in the rows sampled for the kinds; Parquet: a string column).</summary>
    private static bool TargetHoldsText(string dataPath, string target) =>
        TableReader.ReadSchema(dataPath, new TableOptions { Target = null, Passthrough = [target], Features = [] })[target].Kind == ColumnKind.String;

    /// <summary>The distinct labels of a target column that holds text, sorted (ordinal); null when it has none.</summary>
    private static string[]? TextLabels(string dataPath, string target, int chunkSize, CancellationToken cancellationToken)
    {
        var asRead = new TableOptions { Target = null, Passthrough = [target], TextColumns = [target], Features = [] };
        var labels = new SortedSet<string>(StringComparer.Ordinal);
        using var reader = TableReader.Open(dataPath, asRead);
        foreach (var chunk in reader.Chunks(Math.Max(chunkSize, TableReader.DefaultChunkRows), reuse: true))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var label in ((StringColumn)chunk.Passthrough[0]).Values)
                if (label is not null && !CsvNumber.IsMissingToken(label)) labels.Add(label);
        }
        return labels.Count > 0 ? labels.ToArray() : null;
    }

    /// <summary>Partitions of about <paramref name="chunkSize"/> rows: the chunks of a shuffled epoch.</summary>
    private static IReadOnlyList<TablePartition> Partitions(string dataPath, int chunkSize, CancellationToken cancellationToken)
    {
        long rows = TablePartitioner.Split(dataPath, 1, cancellationToken).Sum(p => p.RowCount);
        int count = (int)Math.Clamp((rows + chunkSize - 1) / chunkSize, 1, int.MaxValue);
        return TablePartitioner.Split(dataPath, count, cancellationToken);
    }

    private static TablePartition[] Shuffled(IReadOnlyList<TablePartition> partitions, Rng rng)
    {
        var order = partitions.ToArray();
        rng.Shuffle<TablePartition>(order);
        return order;
    }

    private sealed record Pending(int Epoch, int Index, long FirstRow, int Rows, long Learned);
}
