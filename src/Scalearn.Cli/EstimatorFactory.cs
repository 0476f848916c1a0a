using Scalearn.Estimators;
using Scalearn.Pipelines;

namespace Scalearn.Cli;

/// <summary>
/// Builds the estimator named on the command line: one registry name, or several separated by commas for a pipeline
/// whose steps are named like scikit-learn's make_pipeline ("standard-scaler,svc" gives steps standardscaler and svc,
/// so the grid says svc__C).
/// </summary>
public static class EstimatorFactory
{
    public static IEstimator Create(string names)
    {
        var parts = names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) throw new UsageException("--estimator needs a name (see the list in 'scalearn tune --help').");
        var steps = parts.Select(EstimatorRegistry.Create).ToArray();
        return steps.Length == 1 ? steps[0] : Pipeline.Make(steps);
    }
}
