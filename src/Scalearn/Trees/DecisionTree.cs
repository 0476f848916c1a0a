namespace Scalearn.Trees;

/// <summary>
/// A fitted tree as flat arrays (node 0 is the root). Internal nodes send a row left when
/// <c>row[Feature[node]] &lt;= Threshold[node]</c>; leaves have Feature -1. Each node carries
/// <see cref="ValueWidth"/> values: class probabilities for classifiers, the mean target for regressors.
/// </summary>
public sealed class DecisionTree
{
    internal DecisionTree(int[] feature, double[] threshold, int[] left, int[] right, double[] values, int valueWidth, double[] featureImportances)
    {
        Feature = feature;
        Threshold = threshold;
        Left = left;
        Right = right;
        Values = values;
        ValueWidth = valueWidth;
        FeatureImportances = featureImportances;
    }

    internal int[] Feature { get; }
    internal double[] Threshold { get; }
    internal int[] Left { get; }
    internal int[] Right { get; }
    internal double[] Values { get; }

    public int ValueWidth { get; }
    public int NodeCount => Feature.Length;
    public int LeafCount => Feature.Count(f => f < 0);

    /// <summary>Normalized impurity decrease per feature (all zeros for a single-leaf tree).</summary>
    public double[] FeatureImportances { get; }

    public int Depth
    {
        get
        {
            int max = 0;
            var stack = new Stack<(int Node, int Depth)>();
            stack.Push((0, 0));
            while (stack.Count > 0)
            {
                var (node, depth) = stack.Pop();
                max = Math.Max(max, depth);
                if (Feature[node] >= 0) { stack.Push((Left[node], depth + 1)); stack.Push((Right[node], depth + 1)); }
            }
            return max;
        }
    }

    /// <summary>The leaf a row falls into.</summary>
    public int Leaf(ReadOnlySpan<double> row)
    {
        int node = 0;
        var feature = Feature;
        while (feature[node] >= 0)
            node = row[feature[node]] <= Threshold[node] ? Left[node] : Right[node];
        return node;
    }

    public ReadOnlySpan<double> LeafValues(ReadOnlySpan<double> row) => Values.AsSpan(Leaf(row) * ValueWidth, ValueWidth);

    private PackedTree? _packed;

    /// <summary>The tree in its prediction layout, built on first use (a race builds it twice, harmlessly).</summary>
    internal PackedTree Packed => _packed ??= PackedTree.Of(this);

    /// <summary>
    /// Writes the tree compactly (model formats of version 2): per node its feature + 1 (0 for a leaf) as a 7-bit encoded
    /// integer and, for a split, its threshold and its children as 7-bit encoded offsets from the node (children always
    /// come after their parent); then every node's values and the importances. About half the size of version 1's fixed
    /// 20 bytes per node.
    /// </summary>
    internal void Write(BinaryWriter writer)
    {
        writer.Write(NodeCount);
        writer.Write(ValueWidth);
        for (int i = 0; i < NodeCount; i++)
        {
            writer.Write7BitEncodedInt(Feature[i] + 1);
            if (Feature[i] < 0) continue;
            writer.Write(Threshold[i]);
            writer.Write7BitEncodedInt(Left[i] - i);
            writer.Write7BitEncodedInt(Right[i] - i);
        }
        foreach (var v in Values) writer.Write(v);
        writer.Write(FeatureImportances.Length);
        foreach (var v in FeatureImportances) writer.Write(v);
    }

    /// <summary>Reads a tree written by <see cref="Write"/> or, with <paramref name="compact"/> false, by version 1 (fixed-size nodes).</summary>
    internal static DecisionTree Read(BinaryReader reader, int featureCount, bool compact)
    {
        int nodes = reader.ReadInt32();
        int width = reader.ReadInt32();
        if (nodes < 1 || width < 1 || (long)nodes * width > 1L << 31)
            throw new InvalidDataException($"Corrupt tree: {nodes} nodes of width {width}.");
        var feature = new int[nodes];
        var threshold = new double[nodes];
        var left = new int[nodes];
        var right = new int[nodes];
        for (int i = 0; i < nodes; i++)
        {
            if (compact)
            {
                feature[i] = reader.Read7BitEncodedInt() - 1;
                if (feature[i] < 0)
                {
                    left[i] = right[i] = -1;
                    continue;
                }
                threshold[i] = reader.ReadDouble();
                left[i] = (int)Math.Min(int.MaxValue, (long)i + reader.Read7BitEncodedInt());
                right[i] = (int)Math.Min(int.MaxValue, (long)i + reader.Read7BitEncodedInt());
            }
            else
            {
                feature[i] = reader.ReadInt32();
                threshold[i] = reader.ReadDouble();
                left[i] = reader.ReadInt32();
                right[i] = reader.ReadInt32();
            }
            if (feature[i] >= featureCount || (feature[i] >= 0 && (left[i] <= i || right[i] <= i || left[i] >= nodes || right[i] >= nodes)))
                throw new InvalidDataException($"Corrupt tree: node {i} has feature {feature[i]} and children {left[i]}, {right[i]}.");
        }
        var values = new double[nodes * width];
        for (int i = 0; i < values.Length; i++) values[i] = reader.ReadDouble();
        int importanceCount = reader.ReadInt32();
        if (importanceCount != featureCount) throw new InvalidDataException($"Corrupt tree: {importanceCount} importances for {featureCount} features.");
        var importances = new double[importanceCount];
        for (int i = 0; i < importances.Length; i++) importances[i] = reader.ReadDouble();
        return new DecisionTree(feature, threshold, left, right, values, width, importances);
    }
}
