using Scalearn.Estimators;

namespace Scalearn.Pipelines;

/// <summary>A named step of a <see cref="Pipeline"/>.</summary>
public readonly record struct PipelineStep(string Name, IEstimator Estimator);
