using Scalearn.Estimators;
using Scalearn.Execution;

namespace Scalearn.Boosting;

/// <summary>
/// Native threads for a LightGBM fit or prediction. n_jobs follows joblib: a positive count, -1 all cores, -2 all but
/// one, and so on; 0 means OpenMP's default (all cores). null, the default, means the fit's share of the machine: all
/// cores on its own, <see cref="ThreadBudget"/>'s share inside an executor running several fits at once. Results never
/// depend on it: every fit uses LightGBM's deterministic column-wise histograms.
/// </summary>
internal static class ThreadCount
{
    public static int Resolve(int? nJobs)
    {
        int cores = Environment.ProcessorCount;
        return nJobs switch
        {
            null => ThreadBudget.Threads ?? cores,
            0 => cores,
            > 0 => nJobs.Value,
            _ => Math.Max(1, cores + 1 + nJobs.Value),
        };
    }
}
