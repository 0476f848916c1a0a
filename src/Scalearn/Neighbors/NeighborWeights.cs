namespace Scalearn.Neighbors;

/// <summary>scikit-learn's <c>weights</c>: every neighbour votes equally, or by the inverse of its distance.</summary>
public enum NeighborWeights
{
    Uniform,
    Distance,
}
