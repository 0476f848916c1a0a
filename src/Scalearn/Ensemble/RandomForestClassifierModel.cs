using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;
using Scalearn.Trees;

namespace Scalearn.Ensemble;

/// <summary>A fitted random forest classifier: class probabilities are the mean of the trees' leaf probabilities.</summary>
[ModelFormat("random-forest-classifier", 2)]
public sealed class RandomForestClassifierModel : ClassifierModel, IPersistableModel<RandomForestClassifierModel>
{
    private readonly ForestParts _forest;

    internal RandomForestClassifierModel(double[] classes, int featureCount, DecisionTree[] trees, double[] importances, double? oobScore, int jobs)
        : base(classes, featureCount)
        => _forest = new ForestParts(trees, importances, oobScore, jobs);

    private RandomForestClassifierModel(double[] classes, int featureCount, ForestParts forest) : base(classes, featureCount) => _forest = forest;

    public IReadOnlyList<DecisionTree> Trees => _forest.Trees;

    /// <summary>Mean of the trees' normalized impurity decreases, normalized to sum to 1.</summary>
    public double[] FeatureImportances => (double[])_forest.Importances.Clone();

    /// <summary>Out-of-bag accuracy when the forest was fitted with oob_score=true.</summary>
    public double? OobScore => _forest.OobScore;

    /// <summary>Threads used to predict large batches.</summary>
    public int Jobs => _forest.Jobs;

    internal RandomForestClassifierModel WithOobScore(double score) => new(Classes, FeatureCount, _forest with { OobScore = score });

    protected override Matrix PredictProbaCore(DataView x)
    {
        ModelChecks.AllFinite(x, nameof(RandomForestClassifierModel));
        var sums = ForestPrediction.SumLeafValues(x, _forest.Trees, Jobs, Classes.Length);
        for (int i = 0; i < sums.Length; i++) sums[i] /= _forest.Trees.Length;
        return new Matrix(sums, x.Count, Classes.Length);
    }

    public void WritePayload(BinaryWriter writer)
    {
        writer.Write(FeatureCount);
        writer.Write(Classes.Length);
        foreach (var c in Classes) writer.Write(c);
        _forest.Write(writer);
    }

    public static RandomForestClassifierModel ReadPayload(BinaryReader reader, int version)
    {
        if (version is not (1 or 2)) throw new InvalidDataException($"Unsupported random-forest-classifier version {version}.");
        int features = reader.ReadInt32();
        var classes = new double[reader.ReadInt32()];
        for (int i = 0; i < classes.Length; i++) classes[i] = reader.ReadDouble();
        return new RandomForestClassifierModel(classes, features, ForestParts.Read(reader, features, classes.Length, "random-forest-classifier", version));
    }
}
