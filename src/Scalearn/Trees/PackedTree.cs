using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Scalearn.Data;

namespace Scalearn.Trees;

/// <summary>
/// A fitted tree laid out for prediction: one 16-byte node (threshold, feature, first child) instead of four arrays,
/// renumbered depth-first so that a node's two children are adjacent (left, then right): a row's next node is
/// <c>child + !(value &lt;= threshold)</c>, without a branch, so NaN goes right as in <see cref="DecisionTree.Leaf"/>.
/// A leaf is its own next node whatever the row (feature int.MinValue, read as feature 0; threshold NaN, so the step
/// is always +1; child = its slot - 1), which lets several rows walk the tree in lockstep until all reach a leaf: their
/// loads overlap instead of one row's chain of dependent loads setting the pace.
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

    private const int LeafFeature = int.MinValue;

    private readonly Node[] _nodes;
    private readonly int[] _valueOffset;   // per slot: a leaf's offset in the value array
    private readonly double[] _values;
    private readonly int _width;
    private readonly int _minRowLength;    // 1 + the largest feature a node reads (feature 0 at least, which leaves read)

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
                nodes[slot] = new Node { Threshold = double.NaN, Feature = LeafFeature, Child = slot - 1 };
                offsets[slot] = old * tree.ValueWidth;
                continue;
            }
            if (next + 2 > nodes.Length) throw new InvalidDataException("Corrupt tree: a node is reached twice.");
            nodes[slot] = new Node { Threshold = tree.Threshold[old], Feature = feature, Child = next };
            maxFeature = Math.Max(maxFeature, feature);
            stack.Push((tree.Right[old], next + 1));
            stack.Push((tree.Left[old], next));
            next += 2;
        }
        return new PackedTree(nodes, offsets, tree.Values, tree.ValueWidth, maxFeature + 1);
    }

    /// <summary>The next node of a row at <paramref name="node"/> (itself at a leaf).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Step(ref Node node, ref double row) =>
        node.Child + Unsafe.BitCast<bool, byte>(!(Unsafe.Add(ref row, node.Feature & int.MaxValue) <= node.Threshold));

    /// <summary>
    /// Adds the leaf values of rows <paramref name="from"/> to <paramref name="to"/> (exclusive) of <paramref name="x"/>
    /// to <paramref name="output"/>, which holds those rows' values, the tree's value width per row.
    /// </summary>
    public void AddLeafValues(DataView x, int from, int to, Span<double> output)
    {
        var matrix = x.Source.X;
        int cols = matrix.Cols;
        // What makes the unchecked reads below safe: every feature read is below the row length, every child is a slot
        // (checked when the tree was read or packed), and the rows are rows of the matrix.
        if (cols < _minRowLength) throw new ArgumentException($"The tree reads feature {_minRowLength - 1}; the rows have {cols}.");
        if (from < 0 || to > x.Count || output.Length < (to - from) * _width) throw new ArgumentException("Rows or output out of range.");
        ref double data = ref MemoryMarshal.GetArrayDataReference(matrix.Values);
        ref Node first = ref MemoryMarshal.GetArrayDataReference(_nodes);
        int i = from;
        for (; i + 8 <= to; i += 8)
        {
            ref double r0 = ref Unsafe.Add(ref data, (nint)x.SourceRow(i) * cols);
            ref double r1 = ref Unsafe.Add(ref data, (nint)x.SourceRow(i + 1) * cols);
            ref double r2 = ref Unsafe.Add(ref data, (nint)x.SourceRow(i + 2) * cols);
            ref double r3 = ref Unsafe.Add(ref data, (nint)x.SourceRow(i + 3) * cols);
            ref double r4 = ref Unsafe.Add(ref data, (nint)x.SourceRow(i + 4) * cols);
            ref double r5 = ref Unsafe.Add(ref data, (nint)x.SourceRow(i + 5) * cols);
            ref double r6 = ref Unsafe.Add(ref data, (nint)x.SourceRow(i + 6) * cols);
            ref double r7 = ref Unsafe.Add(ref data, (nint)x.SourceRow(i + 7) * cols);
            int n0 = 0, n1 = 0, n2 = 0, n3 = 0, n4 = 0, n5 = 0, n6 = 0, n7 = 0;
            while (true)
            {
                ref Node a0 = ref Unsafe.Add(ref first, n0);
                ref Node a1 = ref Unsafe.Add(ref first, n1);
                ref Node a2 = ref Unsafe.Add(ref first, n2);
                ref Node a3 = ref Unsafe.Add(ref first, n3);
                ref Node a4 = ref Unsafe.Add(ref first, n4);
                ref Node a5 = ref Unsafe.Add(ref first, n5);
                ref Node a6 = ref Unsafe.Add(ref first, n6);
                ref Node a7 = ref Unsafe.Add(ref first, n7);
                if ((a0.Feature & a1.Feature & a2.Feature & a3.Feature & a4.Feature & a5.Feature & a6.Feature & a7.Feature) < 0) break;
                n0 = Step(ref a0, ref r0);
                n1 = Step(ref a1, ref r1);
                n2 = Step(ref a2, ref r2);
                n3 = Step(ref a3, ref r3);
                n4 = Step(ref a4, ref r4);
                n5 = Step(ref a5, ref r5);
                n6 = Step(ref a6, ref r6);
                n7 = Step(ref a7, ref r7);
            }
            Add(output, i - from, n0);
            Add(output, i + 1 - from, n1);
            Add(output, i + 2 - from, n2);
            Add(output, i + 3 - from, n3);
            Add(output, i + 4 - from, n4);
            Add(output, i + 5 - from, n5);
            Add(output, i + 6 - from, n6);
            Add(output, i + 7 - from, n7);
        }
        for (; i < to; i++)
        {
            ref double row = ref Unsafe.Add(ref data, (nint)x.SourceRow(i) * cols);
            int n = 0;
            while (Unsafe.Add(ref first, n).Feature >= 0) n = Step(ref Unsafe.Add(ref first, n), ref row);
            Add(output, i - from, n);
        }
    }

    private void Add(Span<double> output, int row, int leaf)
    {
        var values = _values.AsSpan(_valueOffset[leaf], _width);
        var target = output.Slice(row * _width, _width);
        for (int c = 0; c < values.Length; c++) target[c] += values[c];
    }
}
