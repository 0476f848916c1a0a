using System.Reflection;
using Scalearn.Data;
using Scalearn.Execution;

namespace Scalearn.Cluster.Worker;

/// <summary>Binds to Scalearn.Execution.TaskRunner.Run, the one place a task is executed (the local executor uses it too).</summary>
internal static class SharedTaskRunner
{
    private static readonly Lazy<Func<FitTask, Dataset, Folds, FitResult>> Runner = new(Bind);

    public static FitResult Run(FitTask task, Dataset data, Folds folds) => Runner.Value(task, data, folds);

    private static Func<FitTask, Dataset, Folds, FitResult> Bind()
    {
        var method = typeof(FitTask).Assembly.GetType("Scalearn.Execution.TaskRunner")
            ?.GetMethod("Run", BindingFlags.Public | BindingFlags.Static, [typeof(FitTask), typeof(Dataset), typeof(Folds)])
            ?? throw new InvalidOperationException("Scalearn.Execution.TaskRunner.Run(FitTask, Dataset, Folds) is missing from the Scalearn assembly.");
        return method.CreateDelegate<Func<FitTask, Dataset, Folds, FitResult>>();
    }
}
