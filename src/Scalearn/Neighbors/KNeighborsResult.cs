using Scalearn.Data;

namespace Scalearn.Neighbors;

/// <summary>
/// The k nearest fitted points of each query, nearest first. <see cref="Distances"/> is queries x k;
/// <see cref="Indices"/> is row-major queries x k and holds row numbers of the fitted data.
/// </summary>
public sealed record KNeighborsResult(Matrix Distances, int[] Indices)
{
    public int K => Distances.Cols;

    public ReadOnlySpan<int> IndicesOf(int query) => Indices.AsSpan(query * K, K);
}
