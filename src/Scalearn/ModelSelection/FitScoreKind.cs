using System.Diagnostics;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Execution.Wire;
using Scalearn.Metrics;

namespace Scalearn.ModelSelection;

/// <summary>
/// The searches' task kind: build the estimator from its spec, fit it on a split's training rows and score it on the
/// test rows (and optionally the training rows). Every executor runs it through <see cref="Run"/>, so results agree
/// bit for bit on one thread, N threads and N workers.
/// </summary>
[RegisteredTaskKind]
public sealed class FitScoreKind : TaskKind<FitTask, FitResult>
{
    public const int MaxSplits = 1 << 16;
    private const int MaxEpochs = 1 << 20;
    private const int MaxScorers = 64;

    public static FitScoreKind Instance { get; } = new();

    public override string Name => "scalearn.fit-score";

    public override TaskKey Key(FitTask task) => new(((long)task.Candidate << 16) | (uint)task.Split);

    public override IReadOnlyList<string> Inputs(FitTask task) => [task.DataId, task.FoldsId];

    /// <summary>An incremental task prefers the worker holding its learner from the previous rung.</summary>
    public override string? PreferredInput(FitTask task) => task.Epochs?.HeldId;

    public override FitResult Run(FitTask task, TaskContext context)
    {
        var data = context.Input<Dataset>(task.DataId);
        var folds = context.Input<Folds>(task.FoldsId);
        var stopwatch = Stopwatch.StartNew();
        double fitSeconds = 0;
        try
        {
            if (task.Split < 0 || task.Split >= folds.Count)
                throw new ArgumentOutOfRangeException(nameof(task), $"Task split {task.Split} is outside the {folds.Count} folds.");
            var split = folds[task.Split];
            int epochsRun = 0;
            var model = task.Epochs is { } epochs
                ? TrainEpochs(task, epochs, data, split, context, out epochsRun)
                : task.Estimator.Create().Fit(data.Rows(split.Train));
            fitSeconds = stopwatch.Elapsed.TotalSeconds;
            stopwatch.Restart();
            var test = data.Rows(split.Test);
            var testScores = task.Scorers.Select(s => s.Score(model, test)).ToArray();
            double[]? trainScores = null;
            if (task.ReturnTrainScore)
            {
                var train = data.Rows(split.Train);
                trainScores = task.Scorers.Select(s => s.Score(model, train)).ToArray();
            }
            return new FitResult(task.Candidate, task.Split, testScores, trainScores, fitSeconds, stopwatch.Elapsed.TotalSeconds, null) { EpochsRun = epochsRun };
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            if (fitSeconds == 0) fitSeconds = stopwatch.Elapsed.TotalSeconds;
            return Failed(task, Describe(e), fitSeconds);
        }
    }

    /// <summary>
    /// Continues the held learner when it has exactly <see cref="EpochPlan.From"/> epochs, else trains a new one from zero
    /// (same data, same seed, so the same state), then holds it again for the next rung.
    /// </summary>
    private static IModel TrainEpochs(FitTask task, EpochPlan epochs, Dataset data, Split split, TaskContext context, out int epochsRun)
    {
        if (task.Estimator.Create() is not IIncrementalEstimator incremental)
            throw new ArgumentException($"{task.Estimator.Type} has no partial_fit, so epochs cannot be its resource; use an incremental estimator (SGD, GaussianNB, MiniBatchKMeans, ...).");
        string key = ResidentCache.HeldKey(epochs.HeldId);
        Held? held = context.Resident.TryGet<Held>(key, out var h) && h.Epochs == epochs.From ? h : null;
        context.Resident.Remove(key);   // a task that fails mid-training must not leave a half-trained learner behind
        var learner = held?.Learner ?? incremental.StartIncremental();
        int done = held?.Epochs ?? 0;
        var train = data.Rows(split.Train);
        var classes = EstimatorTraits.IsClassifier(incremental) && data.Y is { } y ? y.Distinct().Order().ToArray() : null;
        epochsRun = 0;
        for (; done < epochs.To; done++, epochsRun++)
        {
            FitInterruption.Check();
            learner.PartialFit(train, classes);
        }
        var model = learner.Snapshot();
        context.Resident.GetOrAdd(key, () => (new Held(learner, done), 64L * data.FeatureCount * Math.Max(1, classes?.Length ?? 1) + 1024));
        return model;
    }

    private sealed record Held(IIncrementalLearner Learner, int Epochs);

    public override FitResult Failure(FitTask task, string error) => Failed(task, error, 0);

    private static FitResult Failed(FitTask task, string error, double fitSeconds) =>
        new(task.Candidate, task.Split, NaNs(task.Scorers.Count), task.ReturnTrainScore ? NaNs(task.Scorers.Count) : null, fitSeconds, 0, error);

    /// <summary>"ExceptionType: message", the form recorded in cv_results errors.</summary>
    public static string Describe(Exception e) => $"{e.GetType().Name}: {e.Message}";

    private static double[] NaNs(int count)
    {
        var result = new double[count];
        Array.Fill(result, double.NaN);
        return result;
    }

    public override void WriteTask(FitTask task, WireWriter writer)
    {
        writer.Int32(task.Candidate);
        writer.Int32(task.Split);
        writer.String(task.Estimator.ToJson());
        writer.Int32(task.Scorers.Count);
        foreach (var scorer in task.Scorers)
        {
            if (!Scorers.TryGet(scorer.Name, out var registered) || !ReferenceEquals(registered, scorer))
                throw new InvalidOperationException($"Scorer '{scorer.Name}' is not a registered scorer, so it cannot run on workers; use it with the local executor, or register it (Scorers.Register) on the driver and in a worker plugin.");
            writer.String(scorer.Name);
        }
        writer.Bool(task.ReturnTrainScore);
        writer.String(task.DataId);
        writer.String(task.FoldsId);
        writer.Bool(task.Epochs is not null);
        if (task.Epochs is { } epochs)
        {
            writer.Int32(epochs.From);
            writer.Int32(epochs.To);
            writer.String(epochs.HeldId);
        }
    }

    public override FitTask ReadTask(WireReader reader)
    {
        int candidate = reader.Int32(0, int.MaxValue, "Candidate");
        int split = reader.Int32(0, MaxSplits - 1, "Split");
        var spec = ReadSpec(reader);
        int count = reader.Int32(1, MaxScorers, "Scorer count");
        var scorers = new IScorer[count];
        for (int i = 0; i < count; i++)
        {
            string name = reader.String(256);
            scorers[i] = Scorers.TryGet(name, out var scorer) ? scorer : throw new InvalidDataException($"Scorer '{name}' is not known on this worker.");
        }
        bool train = reader.Bool();
        var task = new FitTask(candidate, split, spec, scorers, train, reader.String(64), reader.String(64));
        if (!reader.Bool()) return task;
        int from = reader.Int32(0, MaxEpochs, "Epochs from"), to = reader.Int32(from, MaxEpochs, "Epochs to");
        return task with { Epochs = new EpochPlan(from, to, reader.String(64)) };
    }

    /// <summary>An estimator spec from an untrusted task: well-formed, and of a type on this process's allow-list.</summary>
    internal static EstimatorSpec ReadSpec(WireReader reader)
    {
        EstimatorSpec spec;
        try
        {
            spec = EstimatorSpec.FromJson(reader.String());
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidDataException("Malformed estimator spec: " + e.Message, e);
        }
        return EstimatorRegistry.TryGetType(spec.Type, out _) ? spec
            : throw new InvalidDataException($"Estimator '{spec.Type}' is not on this worker's registry allow-list.");
    }

    public override void WriteResult(FitResult result, WireWriter writer)
    {
        writer.Int32(result.Candidate);
        writer.Int32(result.Split);
        writer.Doubles(result.TestScores);
        writer.Doubles(result.TrainScores);
        writer.Double(result.FitSeconds);
        writer.Double(result.ScoreSeconds);
        writer.String(result.Error);
        writer.Int32(result.EpochsRun);
    }

    public override FitResult ReadResult(WireReader reader) => new(
        reader.Int32(), reader.Int32(), reader.Doubles(MaxScorers), reader.NullableDoubles(MaxScorers),
        reader.Double(), reader.Double(), reader.NullableString(1 << 16)) { EpochsRun = reader.Int32(0, MaxEpochs, "Epochs run") };

    public override string? Mismatch(FitTask task, FitResult result)
    {
        if (result.Candidate != task.Candidate || result.Split != task.Split)
            return $"result is for candidate {result.Candidate} split {result.Split}, not the task's {task.Candidate}/{task.Split}";
        if (result.TestScores.Length != task.Scorers.Count) return $"{result.TestScores.Length} test scores for {task.Scorers.Count} scorers";
        if (task.ReturnTrainScore != result.TrainScores is not null || result.TrainScores is { } train && train.Length != task.Scorers.Count)
            return "train scores do not match the task";
        if (!double.IsFinite(result.FitSeconds) || !double.IsFinite(result.ScoreSeconds) || result.FitSeconds < 0 || result.ScoreSeconds < 0)
            return "fit and score times must be finite, non-negative seconds";
        if (result.EpochsRun > (task.Epochs?.To ?? 0)) return $"{result.EpochsRun} epochs run for a task of at most {task.Epochs?.To ?? 0}";
        return null;
    }
}
