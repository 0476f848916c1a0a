using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Scalearn.Data;
using Scalearn.Ensemble;
using Scalearn.Estimators;
using Scalearn.Trees;

namespace Scalearn.Jobs;

/// <summary>
/// A random forest laid out for scoring many rows (as treelite or ONNX Runtime's tree ensembles do): every tree's nodes
/// renumbered breadth-first so both children of a node are adjacent (one 16-byte node: threshold, feature, first
/// child), leaves looping on themselves, so a step is <c>node = first + (x[feature] &gt; threshold)</c> with no branch.
/// Rows are scored in blocks, tree by tree, eight rows walking the same tree at once so their memory latencies
/// overlap. Each row still adds its trees' leaf values in tree order, so the result is bit for bit the model's own.
/// </summary>
internal sealed unsafe class CompiledForest
{
    internal static int BlockRows = 128;
    private const int Lanes = 8;

    [StructLayout(LayoutKind.Sequential)]
    private struct Node
    {
        public double Threshold;   // NaN at a leaf: no comparison is true, so the walk stays put
        public int Feature;
        public int First;          // left child; the right child is First + 1; a leaf points at itself
    }

    private readonly Node[] _nodes;
    private readonly int[] _roots;
    private readonly int[] _leafValue;   // node -> offset of its values in _values (leaves only)
    private readonly double[] _values;
    private readonly int _trees;

    private CompiledForest(IReadOnlyList<DecisionTree> trees, int features)
    {
        _trees = trees.Count;
        Width = trees[0].ValueWidth;
        Features = features;
        int total = trees.Sum(t => t.NodeCount);
        _nodes = new Node[total];
        _leafValue = new int[total];
        _roots = new int[_trees];
        var values = new List<double>();
        int next = 0;
        for (int t = 0; t < _trees; t++)
        {
            var tree = trees[t];
            _roots[t] = next;
            // Breadth-first: a node's children get the next two free slots when it is dequeued.
            var order = new Queue<(int Old, int New)>();
            order.Enqueue((0, next++));
            while (order.Count > 0)
            {
                var (old, at) = order.Dequeue();
                ref var node = ref _nodes[at];
                if (tree.Feature[old] < 0)
                {
                    node = new Node { Threshold = double.NaN, Feature = 0, First = at };
                    _leafValue[at] = values.Count;
                    values.AddRange(tree.Values.AsSpan(old * Width, Width).ToArray());
                    continue;
                }
                node = new Node { Threshold = tree.Threshold[old], Feature = tree.Feature[old], First = next };
                order.Enqueue((tree.Left[old], next++));
                order.Enqueue((tree.Right[old], next++));
            }
        }
        _values = values.ToArray();
    }

    /// <summary>Values per leaf: classes for a classifier, 1 for a regressor.</summary>
    public int Width { get; }

    public int Features { get; }

    /// <summary>The compiled form of a forest model, or null for any other model.</summary>
    public static CompiledForest? For(IModel model) => model switch
    {
        RandomForestClassifierModel c => new CompiledForest(c.Trees, c.FeatureCount),
        RandomForestRegressorModel r => new CompiledForest(r.Trees, r.FeatureCount),
        _ => null,
    };

    /// <summary>
    /// Mean leaf values of rows [<paramref name="start"/>, start + count) of <paramref name="x"/> into
    /// <paramref name="output"/> (count x Width, row-major): class probabilities, or the regression prediction.
    /// </summary>
    public void Mean(Matrix x, int start, int count, Span<double> output)
    {
        if (x.Cols != Features) throw new ArgumentException($"The forest has {Features} features; the rows have {x.Cols}.", nameof(x));
        if (start < 0 || count < 0 || start + count > x.Rows) throw new ArgumentOutOfRangeException(nameof(count));
        if (output.Length != count * Width) throw new ArgumentException($"Output needs {count * Width} values.", nameof(output));
        output.Clear();
        fixed (double* rows = x.Values, outputs = output, values = _values)
        fixed (Node* nodes = _nodes)
        fixed (int* leafValue = _leafValue)
        {
            for (int block = 0; block < count; block += BlockRows)
            {
                int n = Math.Min(BlockRows, count - block);
                double* blockRows = rows + (long)(start + block) * Features;
                double* blockOut = outputs + (long)block * Width;
                for (int t = 0; t < _trees; t++)
                    AddTree(nodes, _roots[t], leafValue, values, blockRows, n, blockOut);
            }
        }
        double trees = _trees;
        for (int i = 0; i < output.Length; i++) output[i] /= trees;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddTree(Node* nodes, int root, int* leafValue, double* values, double* rows, int count, double* output)
    {
        int f = Features, width = Width;
        int i = 0;
        for (; i + Lanes <= count; i += Lanes)
        {
            double* x0 = rows + (long)i * f, x1 = x0 + f, x2 = x1 + f, x3 = x2 + f, x4 = x3 + f, x5 = x4 + f, x6 = x5 + f, x7 = x6 + f;
            int n0 = root, n1 = root, n2 = root, n3 = root, n4 = root, n5 = root, n6 = root, n7 = root;
            while (true)
            {
                Node* p0 = nodes + n0, p1 = nodes + n1, p2 = nodes + n2, p3 = nodes + n3;
                Node* p4 = nodes + n4, p5 = nodes + n5, p6 = nodes + n6, p7 = nodes + n7;
                int m0 = p0->First + (x0[p0->Feature] > p0->Threshold ? 1 : 0);
                int m1 = p1->First + (x1[p1->Feature] > p1->Threshold ? 1 : 0);
                int m2 = p2->First + (x2[p2->Feature] > p2->Threshold ? 1 : 0);
                int m3 = p3->First + (x3[p3->Feature] > p3->Threshold ? 1 : 0);
                int m4 = p4->First + (x4[p4->Feature] > p4->Threshold ? 1 : 0);
                int m5 = p5->First + (x5[p5->Feature] > p5->Threshold ? 1 : 0);
                int m6 = p6->First + (x6[p6->Feature] > p6->Threshold ? 1 : 0);
                int m7 = p7->First + (x7[p7->Feature] > p7->Threshold ? 1 : 0);
                int moved = (m0 ^ n0) | (m1 ^ n1) | (m2 ^ n2) | (m3 ^ n3) | (m4 ^ n4) | (m5 ^ n5) | (m6 ^ n6) | (m7 ^ n7);
                n0 = m0; n1 = m1; n2 = m2; n3 = m3; n4 = m4; n5 = m5; n6 = m6; n7 = m7;
                if (moved == 0) break;
            }
            double* o = output + (long)i * width;
            Add(o, values + leafValue[n0], width);
            Add(o + width, values + leafValue[n1], width);
            Add(o + 2 * width, values + leafValue[n2], width);
            Add(o + 3 * width, values + leafValue[n3], width);
            Add(o + 4 * width, values + leafValue[n4], width);
            Add(o + 5 * width, values + leafValue[n5], width);
            Add(o + 6 * width, values + leafValue[n6], width);
            Add(o + 7 * width, values + leafValue[n7], width);
        }
        for (; i < count; i++)
        {
            double* x = rows + (long)i * f;
            int n = root;
            while (true)
            {
                Node* p = nodes + n;
                int m = p->First + (x[p->Feature] > p->Threshold ? 1 : 0);
                if (m == n) break;
                n = m;
            }
            Add(output + (long)i * width, values + leafValue[n], width);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(double* target, double* source, int width)
    {
        for (int c = 0; c < width; c++) target[c] += source[c];
    }
}
