using Scalearn.Trees;

namespace Scalearn.Ensemble;

/// <summary>What every fitted forest holds besides its labels: the trees, importances, out-of-bag score and prediction threads.</summary>
internal sealed record ForestParts(DecisionTree[] Trees, double[] Importances, double? OobScore, int Jobs)
{
    /// <summary>Writes jobs, the out-of-bag score, importances and trees (the part of the payload both forests share).</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(Jobs);
        writer.Write(OobScore.HasValue);
        writer.Write(OobScore ?? 0);
        foreach (var v in Importances) writer.Write(v);
        writer.Write(Trees.Length);
        foreach (var tree in Trees) tree.Write(writer);
    }

    /// <summary>
    /// Reads what <see cref="Write"/> wrote (a forest format's version 2) or, for <paramref name="version"/> 1, its trees
    /// in the fixed-size layout; every tree must have <paramref name="valueWidth"/> values per leaf.
    /// </summary>
    public static ForestParts Read(BinaryReader reader, int features, int valueWidth, string format, int version)
    {
        int jobs = reader.ReadInt32();
        bool hasOob = reader.ReadBoolean();
        double oob = reader.ReadDouble();
        var importances = new double[features];
        for (int i = 0; i < features; i++) importances[i] = reader.ReadDouble();
        int count = reader.ReadInt32();
        if (count < 1) throw new InvalidDataException($"Corrupt {format}: {count} trees.");
        var trees = new DecisionTree[count];
        for (int t = 0; t < count; t++)
        {
            trees[t] = DecisionTree.Read(reader, features, compact: version >= 2);
            if (trees[t].ValueWidth != valueWidth)
                throw new InvalidDataException($"Corrupt {format}: trees have {trees[t].ValueWidth} values per leaf, expected {valueWidth}.");
        }
        return new ForestParts(trees, importances, hasOob ? oob : null, jobs);
    }
}
