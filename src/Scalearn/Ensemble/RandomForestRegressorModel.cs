using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;
using Scalearn.Trees;

namespace Scalearn.Ensemble;

/// <summary>A fitted random forest regressor: predicts the mean of the trees' leaf means.</summary>
[ModelFormat("random-forest-regressor", 2)]
public sealed class RandomForestRegressorModel : RegressorModel, IPersistableModel<RandomForestRegressorModel>
{
    private readonly ForestParts _forest;

    internal RandomForestRegressorModel(int featureCount, DecisionTree[] trees, double[] importances, double? oobScore, int jobs)
        : base(featureCount)
        => _forest = new ForestParts(trees, importances, oobScore, jobs);

    private RandomForestRegressorModel(int featureCount, ForestParts forest) : base(featureCount) => _forest = forest;

    public IReadOnlyList<DecisionTree> Trees => _forest.Trees;

    /// <summary>Mean of the trees' normalized impurity decreases, normalized to sum to 1.</summary>
    public double[] FeatureImportances => (double[])_forest.Importances.Clone();

    /// <summary>Out-of-bag R^2 when the forest was fitted with oob_score=true.</summary>
    public double? OobScore => _forest.OobScore;

    /// <summary>Threads used to predict large batches.</summary>
    public int Jobs => _forest.Jobs;

    internal RandomForestRegressorModel WithOobScore(double score) => new(FeatureCount, _forest with { OobScore = score });

    protected override double[] PredictCore(DataView x)
    {
        ModelChecks.AllFinite(x, nameof(RandomForestRegressorModel));
        var result = ForestPrediction.SumLeafValues(x, _forest.Trees, Jobs, 1);
        for (int i = 0; i < result.Length; i++) result[i] /= _forest.Trees.Length;
        return result;
    }

    public void WritePayload(BinaryWriter writer)
    {
        writer.Write(FeatureCount);
        _forest.Write(writer);
    }

    public static RandomForestRegressorModel ReadPayload(BinaryReader reader, int version)
    {
        if (version is not (1 or 2)) throw new InvalidDataException($"Unsupported random-forest-regressor version {version}.");
        int features = reader.ReadInt32();
        return new RandomForestRegressorModel(features, ForestParts.Read(reader, features, 1, "random-forest-regressor", version));
    }
}
