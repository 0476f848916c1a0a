using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;

namespace Scalearn.Trees;

/// <summary>A fitted decision tree regressor: predicts the mean target of the leaf a row falls into.</summary>
[ModelFormat("decision-tree-regressor", 2)]
public sealed class DecisionTreeRegressorModel : RegressorModel, IPersistableModel<DecisionTreeRegressorModel>
{
    internal DecisionTreeRegressorModel(int featureCount, DecisionTree tree) : base(featureCount)
    {
        Tree = tree;
    }

    public DecisionTree Tree { get; }

    /// <summary>Mean decrease in impurity per feature, normalized to sum to 1.</summary>
    public double[] FeatureImportances => (double[])Tree.FeatureImportances.Clone();

    protected override double[] PredictCore(DataView x)
    {
        ModelChecks.AllFinite(x, nameof(DecisionTreeRegressorModel));
        var result = new double[x.Count];
        for (int i = 0; i < result.Length; i++) result[i] = Tree.LeafValues(x.Row(i))[0];
        return result;
    }

    public void WritePayload(BinaryWriter writer)
    {
        writer.Write(FeatureCount);
        Tree.Write(writer);
    }

    public static DecisionTreeRegressorModel ReadPayload(BinaryReader reader, int version)
    {
        if (version is not (1 or 2)) throw new InvalidDataException($"Unsupported decision-tree-regressor version {version}.");
        int features = reader.ReadInt32();
        var tree = DecisionTree.Read(reader, features, compact: version >= 2);
        if (tree.ValueWidth != 1) throw new InvalidDataException("Corrupt decision-tree-regressor: value width must be 1.");
        return new DecisionTreeRegressorModel(features, tree);
    }
}
