namespace Scalearn.Neighbors;

/// <summary>scikit-learn's <c>metric</c> for neighbour searches; <c>minkowski</c> uses the <c>p</c> parameter.</summary>
public enum NeighborMetric
{
    Minkowski,
    Euclidean,
    Manhattan,
    Cosine,
}
