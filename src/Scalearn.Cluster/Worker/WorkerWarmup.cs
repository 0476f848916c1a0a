using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.ModelSelection;

namespace Scalearn.Cluster.Worker;

/// <summary>
/// Small cross-validations of the common estimator families at start-up, on one thread, so that a fresh worker's first
/// real tasks run compiled code instead of waiting for the JIT while the driver waits for them. It stops at the first
/// real task: from then on the task compiles what it needs, and warming other families would only take its core.
/// </summary>
internal static class WorkerWarmup
{
    private static readonly string[] Classifiers =
        ["RandomForestClassifier", "DecisionTreeClassifier", "LogisticRegression", "SVC", "KNeighborsClassifier", "GaussianNB", "SGDClassifier"];

    public static void Run(ILogger logger, Func<bool> realWorkArrived)
    {
        var clock = Stopwatch.StartNew();
        var data = Synthetic(240, 12, seed: 1);
        var executor = new LocalExecutor(1);
        foreach (var name in Classifiers)
        {
            if (realWorkArrived())
            {
                logger.LogDebug("Warm-up stopped before {Estimator}: a task arrived", name);
                return;
            }
            try
            {
                var estimator = EstimatorRegistry.Create(name);
                if (estimator is IRandomized randomized) randomized.RandomState = 0;
                CrossValidation.CrossValidate(estimator, data, new StratifiedKFold(3), ["accuracy"], executor);
            }
            catch (Exception e)
            {
                logger.LogDebug("Warm-up of {Estimator} failed: {Error}", name, e.Message);
            }
        }
        logger.LogDebug("Warm-up done in {Seconds:F2} s", clock.Elapsed.TotalSeconds);
    }

    private static Dataset Synthetic(int rows, int cols, int seed)
    {
        var rng = new Numerics.Rng(seed);
        var x = new double[rows * cols];
        var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            double sum = 0;
            for (int j = 0; j < cols; j++)
            {
                x[i * cols + j] = Math.Round(rng.NextDouble() * 16);
                sum += x[i * cols + j] * (j % 3 - 1);
            }
            y[i] = sum > 0 ? 1 : sum < -8 ? 2 : 0;
        }
        return new Dataset(new Matrix(x, rows, cols), y);
    }
}
