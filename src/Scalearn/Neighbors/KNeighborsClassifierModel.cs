using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;

namespace Scalearn.Neighbors;

[ModelFormat("k-neighbors-classifier", 1)]
public sealed class KNeighborsClassifierModel : ClassifierModel, IPersistableModel<KNeighborsClassifierModel>
{
    private readonly NeighborIndex _index;
    private readonly int[] _labels;

    internal KNeighborsClassifierModel(NeighborIndex index, double[] classes, int[] labels, int nNeighbors, NeighborWeights weights)
        : base(classes, index.FeatureCount)
    {
        _index = index;
        _labels = labels;
        NNeighbors = nNeighbors;
        Weights = weights;
    }

    public int NNeighbors { get; }
    public NeighborWeights Weights { get; }
    public NeighborAlgorithm EffectiveAlgorithm => _index.Algorithm;

    public KNeighborsResult KNeighbors(DataView queries, int? k = null) => _index.KNeighbors(queries, k ?? NNeighbors, nameof(KNeighborsClassifierModel));

    protected override Matrix PredictProbaCore(DataView x)
    {
        var (distances, indices) = KNeighbors(x);
        int k = NNeighbors;
        var proba = new Matrix(x.Count, Classes.Length);
        var weightBuffer = new double[k];
        for (int i = 0; i < x.Count; i++)
        {
            NeighborVoteWeights.Fill(Weights, distances.Row(i), weightBuffer);
            var row = proba.Row(i);
            double total = 0;
            for (int r = 0; r < k; r++)
            {
                row[_labels[indices[i * k + r]]] += weightBuffer[r];
                total += weightBuffer[r];
            }
            if (total > 0) for (int c = 0; c < row.Length; c++) row[c] /= total;
        }
        return proba;
    }

    public void WritePayload(BinaryWriter writer)
    {
        writer.Write(NNeighbors);
        writer.Write((int)Weights);
        writer.Write(Classes.Length);
        foreach (double c in Classes) writer.Write(c);
        writer.Write(_labels.Length);
        foreach (int label in _labels) writer.Write(label);
        _index.Write(writer);
    }

    public static KNeighborsClassifierModel ReadPayload(BinaryReader reader, int version)
    {
        int k = reader.ReadInt32();
        var weights = (NeighborWeights)reader.ReadInt32();
        var classes = new double[reader.ReadInt32()];
        for (int i = 0; i < classes.Length; i++) classes[i] = reader.ReadDouble();
        var labels = new int[reader.ReadInt32()];
        for (int i = 0; i < labels.Length; i++) labels[i] = reader.ReadInt32();
        var index = NeighborIndex.Read(reader);
        if (labels.Length != index.SampleCount || labels.Any(l => (uint)l >= (uint)classes.Length))
            throw new InvalidDataException("Corrupt k-neighbors classifier payload.");
        return new KNeighborsClassifierModel(index, classes, labels, k, weights);
    }
}
