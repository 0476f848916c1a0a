namespace Scalearn.Neighbors;

internal static class NeighborVoteWeights
{
    /// <summary>
    /// scikit-learn's _get_weights: 1 per neighbour, or 1/distance; a query at distance zero from some neighbours
    /// gives those weight 1 and the others 0.
    /// </summary>
    public static void Fill(NeighborWeights weights, ReadOnlySpan<double> distances, Span<double> result)
    {
        if (weights == NeighborWeights.Uniform || distances.Length == 0)
        {
            result.Fill(1);
            return;
        }
        bool anyZero = distances.Contains(0.0);
        for (int i = 0; i < distances.Length; i++)
            result[i] = anyZero ? (distances[i] == 0 ? 1 : 0) : 1 / distances[i];
    }
}
