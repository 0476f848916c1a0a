namespace Scalearn.ModelSelection.Tuning.Tpe;

/// <summary>The Parzen estimator's options (Optuna's _ParzenEstimatorParameters; consider_prior is always on).</summary>
internal sealed record TpeSettings(double PriorWeight, bool ConsiderMagicClip, bool ConsiderEndpoints, bool Multivariate);
