using Scalearn.Data;

namespace Scalearn.Distributed.KMeansSteps;

/// <summary>
/// What one k-means fit does, from the estimator's parameters: <see cref="Tolerance"/> is already scaled by the data's
/// mean feature variance; <see cref="InitialCenters"/>, when given, replaces <see cref="Init"/> and makes it one run.
/// </summary>
internal sealed record KMeansPlan(int Clusters, string Init, int Runs, int MaxIter, double Tolerance, int Seed, Matrix? InitialCenters,
    int InitSteps, double OversamplingFactor, bool KeepLabels)
{
    public const int DefaultInitSteps = 2;
    public const double DefaultOversamplingFactor = 2.0;
}
