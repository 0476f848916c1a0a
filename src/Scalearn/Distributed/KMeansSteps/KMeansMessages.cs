using Scalearn.Data;

namespace Scalearn.Distributed.KMeansSteps;

/// <summary>A request of one k-means round; every partition gets the same.</summary>
internal abstract record KMeansRequest;

/// <summary>The <see cref="Count"/> rows with the smallest <see cref="RowRandom.Bits"/> under <see cref="Key"/>: a uniform sample without replacement.</summary>
internal sealed record PickRequest(ulong Key, int Count) : KMeansRequest;

/// <summary>
/// A k-means|| step of run <see cref="Run"/>: bring the run's per-row costs (squared distance to the nearest candidate)
/// up to all of <see cref="Candidates"/> (the partition's state already covers the first <see cref="From"/> of them,
/// or is rebuilt), then either sample rows with probability <see cref="Oversampling"/> x cost / total cost, or count
/// each candidate's nearest rows (the weights of the final reclustering).
/// </summary>
internal sealed record CostRequest(string Run, Matrix Candidates, int From, ulong Key, double Oversampling, bool Sample) : KMeansRequest;

/// <summary>
/// A Lloyd iteration of run <see cref="Run"/>: assign rows to the nearest of <see cref="Centers"/>, return per-center
/// sums and counts and how many rows changed center since the previous iteration (assigned with <see cref="Previous"/>,
/// which rebuilds the previous labels when the partition's state does not have them).
/// </summary>
internal sealed record LloydRequest(string Run, int Iteration, Matrix Centers, Matrix? Previous) : KMeansRequest;

/// <summary>The <see cref="Count"/> rows farthest from their center in iteration <see cref="Iteration"/> (to relocate empty clusters).</summary>
internal sealed record FarthestRequest(string Run, int Iteration, Matrix Centers, int Count) : KMeansRequest;

/// <summary>
/// Final labels (nearest of <see cref="LabelCenters"/>) and the inertia of the rows against <see cref="InertiaCenters"/>
/// at those labels, as scikit-learn computes them after a strictly converged run (the two differ) or not (they agree).
/// </summary>
internal sealed record LabelsRequest(Matrix LabelCenters, Matrix InertiaCenters, bool KeepLabels) : KMeansRequest;

internal abstract record KMeansResult;

internal sealed record PickedRow(ulong Bits, long Row, double[] Values);

internal sealed record PickResult(PickedRow[] Rows) : KMeansResult;

internal sealed record SampledRow(double Uniform, double Cost, long Row, double[] Values);

/// <summary>The partition's total cost as exact partials, and its sampled rows (a superset of what the global threshold keeps) or its weights.</summary>
internal sealed record CostResult(double[] CostSum, SampledRow[] Sampled, long[]? Weights) : KMeansResult;

internal sealed record LloydResult(Matrix Sums, long[] Counts, long Changed, double Inertia) : KMeansResult;

internal sealed record FarthestRow(double Distance, long Row, int Label, double[] Values);

internal sealed record FarthestResult(FarthestRow[] Rows) : KMeansResult;

internal sealed record LabelsResult(int[]? Labels, double[] Inertia) : KMeansResult;
