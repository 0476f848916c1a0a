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
    private const int MaxScorers = 64;

    public static FitScoreKind Instance { get; } = new();

    public override string Name => "scalearn.fit-score";

    public override TaskKey Key(FitTask task) => new(((long)task.Candidate << 16) | (uint)task.Split);

    public override IReadOnlyList<string> Inputs(FitTask task) => [task.DataId, task.FoldsId];

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
            var model = task.Estimator.Create().Fit(data.Rows(split.Train));
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
            return new FitResult(task.Candidate, task.Split, testScores, trainScores, fitSeconds, stopwatch.Elapsed.TotalSeconds, null);
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
    }

    public override FitTask ReadTask(WireReader reader)
    {
        int candidate = reader.Int32(0, int.MaxValue, "Candidate");
        int split = reader.Int32(0, MaxSplits - 1, "Split");
        EstimatorSpec spec;
        try
        {
            spec = EstimatorSpec.FromJson(reader.String());
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidDataException("Malformed estimator spec: " + e.Message, e);
        }
        if (!EstimatorRegistry.TryGetType(spec.Type, out _))
            throw new InvalidDataException($"Estimator '{spec.Type}' is not on this worker's registry allow-list.");
        int count = reader.Int32(1, MaxScorers, "Scorer count");
        var scorers = new IScorer[count];
        for (int i = 0; i < count; i++)
        {
            string name = reader.String(256);
            scorers[i] = Scorers.TryGet(name, out var scorer) ? scorer : throw new InvalidDataException($"Scorer '{name}' is not known on this worker.");
        }
        bool train = reader.Bool();
        return new FitTask(candidate, split, spec, scorers, train, reader.String(64), reader.String(64));
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
    }

    public override FitResult ReadResult(WireReader reader) => new(
        reader.Int32(), reader.Int32(), reader.Doubles(MaxScorers), reader.NullableDoubles(MaxScorers),
        reader.Double(), reader.Double(), reader.NullableString(1 << 16));

    public override string? Mismatch(FitTask task, FitResult result)
    {
        if (result.Candidate != task.Candidate || result.Split != task.Split)
            return $"result is for candidate {result.Candidate} split {result.Split}, not the task's {task.Candidate}/{task.Split}";
        if (result.TestScores.Length != task.Scorers.Count) return $"{result.TestScores.Length} test scores for {task.Scorers.Count} scorers";
        if (task.ReturnTrainScore != result.TrainScores is not null || result.TrainScores is { } train && train.Length != task.Scorers.Count)
            return "train scores do not match the task";
        if (!double.IsFinite(result.FitSeconds) || !double.IsFinite(result.ScoreSeconds) || result.FitSeconds < 0 || result.ScoreSeconds < 0)
            return "fit and score times must be finite, non-negative seconds";
        return null;
    }
}
