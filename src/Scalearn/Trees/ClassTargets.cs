using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Trees;

/// <summary>Class labels of a training view as indices into the sorted distinct labels, plus optional class weights.</summary>
internal sealed class ClassTargets
{
    private ClassTargets(double[] classes, int[] classOf, int[] counts)
    {
        Classes = classes;
        ClassOf = classOf;
        Counts = counts;
    }

    public double[] Classes { get; }

    /// <summary>Class index by source row (only rows of the view are set).</summary>
    public int[] ClassOf { get; }

    /// <summary>Number of view rows per class.</summary>
    public int[] Counts { get; }

    public static ClassTargets Encode(DataView data, string model)
    {
        var y = data.Source.RequireTarget();
        var labels = new SortedSet<double>();
        for (int i = 0; i < data.Count; i++)
        {
            double v = y[data.SourceRow(i)];
            if (!double.IsFinite(v)) throw new ArgumentException($"{model}: target contains {v} at row {i}.");
            labels.Add(v);
        }
        var classes = labels.ToArray();
        var classOf = new int[data.Source.Count];
        var counts = new int[classes.Length];
        for (int i = 0; i < data.Count; i++)
        {
            int r = data.SourceRow(i);
            int k = Array.BinarySearch(classes, y[r]);
            classOf[r] = k;
            counts[k]++;
        }
        return new ClassTargets(classes, classOf, counts);
    }
}
