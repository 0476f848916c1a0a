using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;

namespace Scalearn.Neighbors;

[ModelFormat("k-neighbors-regressor", 1)]
public sealed class KNeighborsRegressorModel : RegressorModel, IPersistableModel<KNeighborsRegressorModel>
{
    private readonly NeighborIndex _index;
    private readonly double[] _targets;

    internal KNeighborsRegressorModel(NeighborIndex index, double[] targets, int nNeighbors, NeighborWeights weights) : base(index.FeatureCount)
    {
        _index = index;
        _targets = targets;
        NNeighbors = nNeighbors;
        Weights = weights;
    }

    public int NNeighbors { get; }
    public NeighborWeights Weights { get; }
    public NeighborAlgorithm EffectiveAlgorithm => _index.Algorithm;

    public KNeighborsResult KNeighbors(DataView queries, int? k = null) => _index.KNeighbors(queries, k ?? NNeighbors, nameof(KNeighborsRegressorModel));

    protected override double[] PredictCore(DataView x)
    {
        var (distances, indices) = KNeighbors(x);
        int k = NNeighbors;
        var result = new double[x.Count];
        var weights = new double[k];
        for (int i = 0; i < x.Count; i++)
        {
            NeighborVoteWeights.Fill(Weights, distances.Row(i), weights);
            double sum = 0, total = 0;
            for (int r = 0; r < k; r++)
            {
                sum += weights[r] * _targets[indices[i * k + r]];
                total += weights[r];
            }
            result[i] = sum / total;
        }
        return result;
    }

    public void WritePayload(BinaryWriter writer)
    {
        writer.Write(NNeighbors);
        writer.Write((int)Weights);
        writer.Write(_targets.Length);
        foreach (double t in _targets) writer.Write(t);
        _index.Write(writer);
    }

    public static KNeighborsRegressorModel ReadPayload(BinaryReader reader, int version)
    {
        int k = reader.ReadInt32();
        var weights = (NeighborWeights)reader.ReadInt32();
        var targets = new double[reader.ReadInt32()];
        for (int i = 0; i < targets.Length; i++) targets[i] = reader.ReadDouble();
        var index = NeighborIndex.Read(reader);
        if (targets.Length != index.SampleCount) throw new InvalidDataException("Corrupt k-neighbors regressor payload.");
        return new KNeighborsRegressorModel(index, targets, k, weights);
    }
}
