namespace Scalearn.Neighbors;

/// <summary>The metric actually computed once <c>metric</c> and <c>p</c> are resolved (minkowski p=2 is euclidean).</summary>
internal enum DistanceKind
{
    Euclidean,
    Manhattan,
    Minkowski,
    Cosine,
}
