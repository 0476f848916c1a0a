using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;

namespace Scalearn.Trees;

/// <summary>A fitted decision tree classifier: leaf class probabilities, prediction by the most probable class.</summary>
[ModelFormat("decision-tree-classifier", 2)]
public sealed class DecisionTreeClassifierModel : ClassifierModel, IPersistableModel<DecisionTreeClassifierModel>
{
    internal DecisionTreeClassifierModel(double[] classes, int featureCount, DecisionTree tree) : base(classes, featureCount)
    {
        Tree = tree;
    }

    public DecisionTree Tree { get; }

    /// <summary>Mean decrease in impurity per feature, normalized to sum to 1.</summary>
    public double[] FeatureImportances => (double[])Tree.FeatureImportances.Clone();

    protected override Matrix PredictProbaCore(DataView x)
    {
        ModelChecks.AllFinite(x, nameof(DecisionTreeClassifierModel));
        var result = new Matrix(x.Count, Classes.Length);
        for (int i = 0; i < x.Count; i++) Tree.LeafValues(x.Row(i)).CopyTo(result.Row(i));
        return result;
    }

    public void WritePayload(BinaryWriter writer)
    {
        writer.Write(FeatureCount);
        writer.Write(Classes.Length);
        foreach (var c in Classes) writer.Write(c);
        Tree.Write(writer);
    }

    public static DecisionTreeClassifierModel ReadPayload(BinaryReader reader, int version)
    {
        if (version is not (1 or 2)) throw new InvalidDataException($"Unsupported decision-tree-classifier version {version}.");
        int features = reader.ReadInt32();
        var classes = new double[reader.ReadInt32()];
        for (int i = 0; i < classes.Length; i++) classes[i] = reader.ReadDouble();
        var tree = DecisionTree.Read(reader, features, compact: version >= 2);
        if (tree.ValueWidth != classes.Length) throw new InvalidDataException("Corrupt decision-tree-classifier: value width differs from class count.");
        return new DecisionTreeClassifierModel(classes, features, tree);
    }
}
