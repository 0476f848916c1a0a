using Scalearn.Data;
using Scalearn.Persistence;

namespace Scalearn.Neighbors;

[ModelFormat("nearest-neighbors", 1)]
public sealed class NearestNeighborsModel : IPersistableModel<NearestNeighborsModel>
{
    private readonly NeighborIndex _index;

    internal NearestNeighborsModel(NeighborIndex index, int nNeighbors)
    {
        _index = index;
        NNeighbors = nNeighbors;
    }

    public int FeatureCount => _index.FeatureCount;
    public int NNeighbors { get; }
    public int SampleCount => _index.SampleCount;

    /// <summary>The search actually used ('brute', 'kd_tree' or 'ball_tree'), as scikit-learn's _fit_method.</summary>
    public NeighborAlgorithm EffectiveAlgorithm => _index.Algorithm;

    /// <summary>
    /// The k (default n_neighbors) nearest fitted rows of each query, nearest first. Querying the fitted rows
    /// themselves returns each row as its own first neighbour at distance 0, like scikit-learn's kneighbors(X).
    /// </summary>
    public KNeighborsResult KNeighbors(DataView queries, int? k = null) => _index.KNeighbors(queries, k ?? NNeighbors, nameof(NearestNeighborsModel));

    public void WritePayload(BinaryWriter writer)
    {
        writer.Write(NNeighbors);
        _index.Write(writer);
    }

    public static NearestNeighborsModel ReadPayload(BinaryReader reader, int version)
    {
        int k = reader.ReadInt32();
        return new NearestNeighborsModel(NeighborIndex.Read(reader), k);
    }
}
