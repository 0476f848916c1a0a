using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;
using Scalearn.Trees;

namespace Scalearn.Ensemble;

/// <summary>A fitted random forest classifier: class probabilities are the mean of the trees' leaf probabilities.</summary>
[ModelFormat("random-forest-classifier", 1)]
public sealed class RandomForestClassifierModel : ClassifierModel, IPersistableModel<RandomForestClassifierModel>
{
    private readonly DecisionTree[] _trees;
    private readonly double[] _importances;

    internal RandomForestClassifierModel(double[] classes, int featureCount, DecisionTree[] trees, double[] importances, double? oobScore, int jobs)
        : base(classes, featureCount)
    {
        _trees = trees;
        _importances = importances;
        OobScore = oobScore;
        Jobs = jobs;
    }

    public IReadOnlyList<DecisionTree> Trees => _trees;

    /// <summary>Mean of the trees' normalized impurity decreases, normalized to sum to 1.</summary>
    public double[] FeatureImportances => (double[])_importances.Clone();

    /// <summary>Out-of-bag accuracy when the forest was fitted with oob_score=true.</summary>
    public double? OobScore { get; }

    /// <summary>Threads used to predict large batches.</summary>
    public int Jobs { get; }

    internal RandomForestClassifierModel WithOobScore(double score) => new(Classes, FeatureCount, _trees, _importances, score, Jobs);

    protected override Matrix PredictProbaCore(DataView x)
    {
        ModelChecks.AllFinite(x, nameof(RandomForestClassifierModel));
        int k = Classes.Length;
        var result = new Matrix(x.Count, k);
        ForestPrediction.ForRows(x.Count, _trees.Length, Jobs, (from, to) =>
        {
            for (int i = from; i < to; i++)
            {
                var row = x.Row(i);
                var output = result.Row(i);
                foreach (var tree in _trees)
                {
                    var p = tree.LeafValues(row);
                    for (int c = 0; c < k; c++) output[c] += p[c];
                }
                for (int c = 0; c < k; c++) output[c] /= _trees.Length;
            }
        });
        return result;
    }

    public void WritePayload(BinaryWriter writer)
    {
        writer.Write(FeatureCount);
        writer.Write(Classes.Length);
        foreach (var c in Classes) writer.Write(c);
        writer.Write(Jobs);
        writer.Write(OobScore.HasValue);
        writer.Write(OobScore ?? 0);
        foreach (var v in _importances) writer.Write(v);
        writer.Write(_trees.Length);
        foreach (var tree in _trees) tree.Write(writer);
    }

    public static RandomForestClassifierModel ReadPayload(BinaryReader reader, int version)
    {
        if (version != 1) throw new InvalidDataException($"Unsupported random-forest-classifier version {version}.");
        int features = reader.ReadInt32();
        var classes = new double[reader.ReadInt32()];
        for (int i = 0; i < classes.Length; i++) classes[i] = reader.ReadDouble();
        int jobs = reader.ReadInt32();
        bool hasOob = reader.ReadBoolean();
        double oob = reader.ReadDouble();
        var importances = new double[features];
        for (int i = 0; i < features; i++) importances[i] = reader.ReadDouble();
        int count = reader.ReadInt32();
        if (count < 1) throw new InvalidDataException($"Corrupt random-forest-classifier: {count} trees.");
        var trees = new DecisionTree[count];
        for (int t = 0; t < count; t++)
        {
            trees[t] = DecisionTree.Read(reader, features);
            if (trees[t].ValueWidth != classes.Length) throw new InvalidDataException("Corrupt random-forest-classifier: value width differs from class count.");
        }
        return new RandomForestClassifierModel(classes, features, trees, importances, hasOob ? oob : null, jobs);
    }
}
