using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Scalearn.Data;

namespace Scalearn.Trees;

/// <summary>
/// A fitted tree laid out for prediction: one 16-byte node (threshold, feature, first child) instead of four arrays,
/// renumbered depth-first so that a node's two children are adjacent (left, then right): a row's next node is
/// <c>child + !(value &lt;= threshold)</c>, without a branch, so NaN goes right as in <see cref="DecisionTree.Leaf"/>.
/// Rows walk a tree eight at a time in lockstep until all reach a leaf, so that their loads overlap instead of one row's
/// chain of dependent loads setting the pace. A leaf is its own next node whatever the row (threshold NaN, so the step is
/// always one node on; child = its own offset - 1 node). The kernel is bound by the instructions it issues, not by cache
/// misses (a forest's trees are small, its rows stay in L2), so a node holds byte offsets: its first child's in the node
/// array, its feature's in a <see cref="LaneRows"/> group (feature x 8 lanes x 8 bytes; a leaf's is one feature before
/// the group, a value it reads and ignores, and negative, which ends the walk).
/// </summary>
internal sealed class PackedTree
{
    [StructLayout(LayoutKind.Sequential)]
    private struct Node
    {
        public double Threshold;
        public int Feature;
        public int Child;
    }

    private const int NodeBytes = 16;
    private const int FeatureBytes = LaneRows.Lanes * sizeof(double);
    private const int LeafFeature = -FeatureBytes;

    private readonly Node[] _nodes;
    private readonly int[] _valueOffset;   // per slot: a leaf's offset in the value array
    private readonly double[] _values;
    private readonly int _width;
    private readonly int _minRowLength;    // 1 + the largest feature a node reads

    private PackedTree(Node[] nodes, int[] valueOffset, double[] values, int width, int minRowLength)
    {
        _nodes = nodes;
        _valueOffset = valueOffset;
        _values = values;
        _width = width;
        _minRowLength = minRowLength;
    }

    public static PackedTree Of(DecisionTree tree)
    {
        if (tree.NodeCount > int.MaxValue / NodeBytes) throw new InvalidDataException($"A tree of {tree.NodeCount} nodes is too large to predict with.");
        var nodes = new Node[tree.NodeCount];
        var offsets = new int[tree.NodeCount];
        int next = 1, maxFeature = 0;
        var stack = new Stack<(int Old, int Slot)>();
        stack.Push((0, 0));
        while (stack.Count > 0)
        {
            var (old, slot) = stack.Pop();
            int feature = tree.Feature[old];
            if (feature < 0)
            {
                nodes[slot] = new Node { Threshold = double.NaN, Feature = LeafFeature, Child = (slot - 1) * NodeBytes };
                offsets[slot] = old * tree.ValueWidth;
                continue;
            }
            if (next + 2 > nodes.Length) throw new InvalidDataException("Corrupt tree: a node is reached twice.");
            if (feature >= int.MaxValue / FeatureBytes) throw new InvalidDataException($"Feature {feature} is beyond what a tree can be predicted with.");
            nodes[slot] = new Node { Threshold = tree.Threshold[old], Feature = feature * FeatureBytes, Child = next * NodeBytes };
            maxFeature = Math.Max(maxFeature, feature);
            stack.Push((tree.Right[old], next + 1));
            stack.Push((tree.Left[old], next));
            next += 2;
        }
        return new PackedTree(nodes, offsets, tree.Values, tree.ValueWidth, maxFeature + 1);
    }

    /// <summary>The byte offset of lane <paramref name="lane"/>'s next node after <paramref name="node"/> (its own at a leaf).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Step(ref Node node, ref double group, int lane) =>
        node.Child + (Unsafe.BitCast<bool, byte>(!(Unsafe.Add(ref Unsafe.AddByteOffset(ref group, node.Feature), lane) <= node.Threshold)) * NodeBytes);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref Node At(ref Node first, int offset) => ref Unsafe.As<byte, Node>(ref Unsafe.AddByteOffset(ref Unsafe.As<Node, byte>(ref first), (nuint)(uint)offset));

    private static int Offset(ref Node first, ref Node node) => (int)Unsafe.ByteOffset(ref first, ref node);

    /// <summary>
    /// Adds the leaf values of <paramref name="rows"/> to <paramref name="output"/>, which holds those rows' values, the
    /// tree's value width per row.
    /// </summary>
    public void AddLeafValues(LaneRows rows, Span<double> output)
    {
        int cols = rows.Cols, count = rows.Rows;
        // What makes the unchecked reads below safe: every feature read is below the row length, a leaf's read is of the
        // values just before its group (the previous group's or the pad), every child is a slot (checked when the tree
        // was read or packed), and the groups are inside the buffer.
        if (cols < _minRowLength) throw new ArgumentException($"The tree reads feature {_minRowLength - 1}; the rows have {cols}.");
        if (output.Length < count * _width) throw new ArgumentException("Output shorter than the rows.");
        if (LaneRows.Pad + (long)rows.Groups * LaneRows.Lanes * cols > rows.Values.Length) throw new ArgumentException("Rows out of range.");
        ref double lanes = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(rows.Values), LaneRows.Pad);
        ref Node first = ref MemoryMarshal.GetArrayDataReference(_nodes);
        // The leaves' values are added unchecked: every leaf's offset is inside the value array (the tree was read or
        // packed with them), the output was checked above.
        ref double values = ref MemoryMarshal.GetArrayDataReference(_values);
        ref int valueOffset = ref MemoryMarshal.GetArrayDataReference(_valueOffset);
        ref double sums = ref MemoryMarshal.GetReference(output);
        int width = _width;
        Span<int> leaves = stackalloc int[LaneRows.Lanes];
        for (int g = 0, start = 0; start < count; g++, start += LaneRows.Lanes)
        {
            ref double group = ref Unsafe.Add(ref lanes, (nint)g * LaneRows.Lanes * cols);
            ref Node a0 = ref first, a1 = ref first, a2 = ref first, a3 = ref first;
            ref Node a4 = ref first, a5 = ref first, a6 = ref first, a7 = ref first;
            while ((a0.Feature & a1.Feature & a2.Feature & a3.Feature & a4.Feature & a5.Feature & a6.Feature & a7.Feature) >= 0)
            {
                a0 = ref At(ref first, Step(ref a0, ref group, 0));
                a1 = ref At(ref first, Step(ref a1, ref group, 1));
                a2 = ref At(ref first, Step(ref a2, ref group, 2));
                a3 = ref At(ref first, Step(ref a3, ref group, 3));
                a4 = ref At(ref first, Step(ref a4, ref group, 4));
                a5 = ref At(ref first, Step(ref a5, ref group, 5));
                a6 = ref At(ref first, Step(ref a6, ref group, 6));
                a7 = ref At(ref first, Step(ref a7, ref group, 7));
            }
            leaves[0] = Offset(ref first, ref a0); leaves[1] = Offset(ref first, ref a1);
            leaves[2] = Offset(ref first, ref a2); leaves[3] = Offset(ref first, ref a3);
            leaves[4] = Offset(ref first, ref a4); leaves[5] = Offset(ref first, ref a5);
            leaves[6] = Offset(ref first, ref a6); leaves[7] = Offset(ref first, ref a7);
            for (int k = 0, valid = Math.Min(LaneRows.Lanes, count - start); k < valid; k++)
            {
                ref double value = ref Unsafe.Add(ref values, Unsafe.Add(ref valueOffset, leaves[k] / NodeBytes));
                ref double sum = ref Unsafe.Add(ref sums, (nint)(start + k) * width);
                for (int c = 0; c < width; c++) Unsafe.Add(ref sum, c) += Unsafe.Add(ref value, c);
            }
        }
    }
}
