namespace Scalearn.Neighbors;

/// <summary>scikit-learn's <c>algorithm</c>: how the neighbour search is organised (results are identical).</summary>
public enum NeighborAlgorithm
{
    Auto,
    BallTree,
    KdTree,
    Brute,
}
