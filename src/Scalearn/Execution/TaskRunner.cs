using System.Diagnostics;
using Scalearn.Metrics;

namespace Scalearn.Execution;

/// <summary>
/// Executes one <see cref="FitTask"/>: creates the estimator from its spec, fits it on the split's training rows and
/// scores it. Every executor (local threads, cluster workers) runs tasks through here, so results agree everywhere.
/// </summary>
public static class TaskRunner
{
    public static FitResult Run(FitTask task, Scalearn.Data.Dataset data, Folds folds)
    {
        var stopwatch = Stopwatch.StartNew();
        double fitSeconds = 0;
        try
        {
            if (task.Split < 0 || task.Split >= folds.Count)
                throw new ArgumentOutOfRangeException(nameof(task), $"Task split {task.Split} is outside the {folds.Count} folds.");
            var split = folds[task.Split];
            var scorers = task.Scorers.Select(Scorers.Get).ToArray();
            var model = task.Estimator.Create().Fit(data.Rows(split.Train));
            fitSeconds = stopwatch.Elapsed.TotalSeconds;
            stopwatch.Restart();
            var test = data.Rows(split.Test);
            var testScores = scorers.Select(s => s.Score(model, test)).ToArray();
            double[]? trainScores = null;
            if (task.ReturnTrainScore)
            {
                var train = data.Rows(split.Train);
                trainScores = scorers.Select(s => s.Score(model, train)).ToArray();
            }
            return new FitResult(task.Candidate, task.Split, testScores, trainScores, fitSeconds, stopwatch.Elapsed.TotalSeconds, null);
        }
        catch (Exception e)
        {
            if (fitSeconds == 0) fitSeconds = stopwatch.Elapsed.TotalSeconds;
            return new FitResult(task.Candidate, task.Split, NaNs(task.Scorers.Count), task.ReturnTrainScore ? NaNs(task.Scorers.Count) : null,
                fitSeconds, 0, Describe(e));
        }
    }

    /// <summary>"ExceptionType: message", the form recorded in cv_results errors.</summary>
    public static string Describe(Exception e) => $"{e.GetType().Name}: {e.Message}";

    private static double[] NaNs(int count)
    {
        var result = new double[count];
        Array.Fill(result, double.NaN);
        return result;
    }
}
