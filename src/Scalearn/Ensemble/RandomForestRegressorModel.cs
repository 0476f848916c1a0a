using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;
using Scalearn.Trees;

namespace Scalearn.Ensemble;

/// <summary>A fitted random forest regressor: predicts the mean of the trees' leaf means.</summary>
[ModelFormat("random-forest-regressor", 1)]
public sealed class RandomForestRegressorModel : RegressorModel, IPersistableModel<RandomForestRegressorModel>
{
    private readonly DecisionTree[] _trees;
    private readonly double[] _importances;

    internal RandomForestRegressorModel(int featureCount, DecisionTree[] trees, double[] importances, double? oobScore, int jobs) : base(featureCount)
    {
        _trees = trees;
        _importances = importances;
        OobScore = oobScore;
        Jobs = jobs;
    }

    public IReadOnlyList<DecisionTree> Trees => _trees;

    /// <summary>Mean of the trees' normalized impurity decreases, normalized to sum to 1.</summary>
    public double[] FeatureImportances => (double[])_importances.Clone();

    /// <summary>Out-of-bag R^2 when the forest was fitted with oob_score=true.</summary>
    public double? OobScore { get; }

    /// <summary>Threads used to predict large batches.</summary>
    public int Jobs { get; }

    internal RandomForestRegressorModel WithOobScore(double score) => new(FeatureCount, _trees, _importances, score, Jobs);

    protected override double[] PredictCore(DataView x)
    {
        ModelChecks.AllFinite(x, nameof(RandomForestRegressorModel));
        var result = new double[x.Count];
        ForestPrediction.ForRows(x.Count, _trees.Length, Jobs, (from, to) =>
        {
            for (int i = from; i < to; i++)
            {
                var row = x.Row(i);
                double sum = 0;
                foreach (var tree in _trees) sum += tree.LeafValues(row)[0];
                result[i] = sum / _trees.Length;
            }
        });
        return result;
    }

    public void WritePayload(BinaryWriter writer)
    {
        writer.Write(FeatureCount);
        writer.Write(Jobs);
        writer.Write(OobScore.HasValue);
        writer.Write(OobScore ?? 0);
        foreach (var v in _importances) writer.Write(v);
        writer.Write(_trees.Length);
        foreach (var tree in _trees) tree.Write(writer);
    }

    public static RandomForestRegressorModel ReadPayload(BinaryReader reader, int version)
    {
        if (version != 1) throw new InvalidDataException($"Unsupported random-forest-regressor version {version}.");
        int features = reader.ReadInt32();
        int jobs = reader.ReadInt32();
        bool hasOob = reader.ReadBoolean();
        double oob = reader.ReadDouble();
        var importances = new double[features];
        for (int i = 0; i < features; i++) importances[i] = reader.ReadDouble();
        int count = reader.ReadInt32();
        if (count < 1) throw new InvalidDataException($"Corrupt random-forest-regressor: {count} trees.");
        var trees = new DecisionTree[count];
        for (int t = 0; t < count; t++)
        {
            trees[t] = DecisionTree.Read(reader, features);
            if (trees[t].ValueWidth != 1) throw new InvalidDataException("Corrupt random-forest-regressor: value width must be 1.");
        }
        return new RandomForestRegressorModel(features, trees, importances, hasOob ? oob : null, jobs);
    }
}
