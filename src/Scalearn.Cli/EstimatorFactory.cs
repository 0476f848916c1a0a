using Scalearn.Estimators;
using Scalearn.Pipelines;

namespace Scalearn.Cli;

/// <summary>
/// Builds the estimator named on the command line: one registry name, or several separated by commas for a pipeline
/// whose steps are named like scikit-learn's make_pipeline ("standard-scaler,svc" gives steps standardscaler and svc,
/// so the grid says svc__C), or a whole estimator spec as JSON (inline or @file.json), which is how a pipeline with a
/// ColumnTransformer is given: {"estimator": "Pipeline", "params": {"steps": [["prep", {"estimator": "ColumnTransformer", ...}], ...]}}.
/// </summary>
public static class EstimatorFactory
{
    public static IEstimator Create(string names)
    {
        if (names.TrimStart().StartsWith('{') || names.StartsWith('@')) return FromSpec(names);
        var parts = names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) throw new UsageException("--estimator needs a name (see the list in 'scalearn tune --help').");
        var steps = parts.Select(EstimatorRegistry.Create).ToArray();
        return steps.Length == 1 ? steps[0] : Pipeline.Make(steps);
    }

    private static IEstimator FromSpec(string value)
    {
        string json = value.TrimStart().StartsWith('{') ? value : ReadFile(value[1..]);
        EstimatorSpec spec;
        try { spec = EstimatorSpec.FromJson(json); }
        catch (System.Text.Json.JsonException e) { throw new UsageException($"--estimator: not a valid estimator spec: {e.Message}"); }
        return spec.Create();
    }

    private static string ReadFile(string path) =>
        File.Exists(path) ? File.ReadAllText(path) : throw new UsageException($"--estimator: spec file '{path}' does not exist.");
}
