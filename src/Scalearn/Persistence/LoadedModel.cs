using Scalearn.Estimators;

namespace Scalearn.Persistence;

/// <summary>A model read from a model file, with what the file recorded about it.</summary>
public sealed class LoadedModel
{
    public required IModel Model { get; init; }

    /// <summary>The unfitted estimator the model came from, when the writer recorded it.</summary>
    public EstimatorSpec? Spec { get; init; }

    /// <summary>
    /// The estimator's name when the model is neither a classifier nor a regressor (a clusterer, whose predictions are
    /// cluster labels), so its predictions are not scored against a target; null otherwise, or when the file records no estimator.
    /// </summary>
    public string? UnscoredEstimator =>
        Model is not IClassifierModel && Spec?.Create() is { } fitted && !EstimatorTraits.IsRegressor(fitted) ? fitted.TypeName : null;

    public IReadOnlyList<string>? FeatureNames { get; init; }

    /// <summary>The model format name (e.g. "decision-tree-classifier").</summary>
    public required string Format { get; init; }

    public int FormatVersion { get; init; }
    public DateTimeOffset Created { get; init; }
    public string? LibraryVersion { get; init; }
}
