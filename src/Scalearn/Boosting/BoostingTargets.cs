using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Linear;

namespace Scalearn.Boosting;

/// <summary>
/// Training targets in LightGBM's form: float32 labels (class indices 0..k-1 for classifiers) and optional float32
/// sample weights from class_weight, both indexed by the source row so that any subset view can gather its own.
/// LightGBM stores labels and weights as float32 (its label_t); regression targets are rounded to float32 for
/// training, like every LightGBM binding does.
/// </summary>
internal sealed class BoostingTargets
{
    private readonly float[] _labelBySource;
    private readonly float[]? _weightBySource;

    private BoostingTargets(double[]? classes, float[] labels, float[]? weights, int[]? classCounts)
    {
        Classes = classes;
        _labelBySource = labels;
        _weightBySource = weights;
        ClassCounts = classCounts;
    }

    /// <summary>Sorted class labels (null for regression).</summary>
    public double[]? Classes { get; }

    public int[]? ClassCounts { get; }

    public bool HasWeights => _weightBySource is not null;

    public static BoostingTargets Classification(DataView data, ClassWeight classWeight, string model)
    {
        var y = data.Source.RequireTarget();
        var classes = new SortedSet<double>();
        for (int i = 0; i < data.Count; i++)
        {
            double v = y[data.SourceRow(i)];
            if (!double.IsFinite(v)) throw new ArgumentException($"{model}: target contains {(double.IsNaN(v) ? "NaN" : "infinity")} at row {i}.");
            classes.Add(v);
        }
        var sorted = classes.ToArray();
        if (sorted.Length < 2)
            throw new ArgumentException($"{model} needs at least two classes in the target; got only {ParamConverter.Format(sorted.FirstOrDefault())}.");
        var labels = new float[data.Source.Count];
        var classIndex = new int[data.Count];
        var counts = new int[sorted.Length];
        for (int i = 0; i < data.Count; i++)
        {
            int row = data.SourceRow(i);
            int k = Array.BinarySearch(sorted, y[row]);
            labels[row] = k;
            classIndex[i] = k;
            counts[k]++;
        }
        float[]? weights = null;
        if (!classWeight.IsUniform)
        {
            var perClass = classWeight.Resolve(sorted, classIndex);
            weights = new float[data.Source.Count];
            for (int i = 0; i < data.Count; i++) weights[data.SourceRow(i)] = (float)perClass[classIndex[i]];
        }
        return new BoostingTargets(sorted, labels, weights, counts);
    }

    public static BoostingTargets Regression(DataView data, string model)
    {
        ModelChecks.FiniteTarget(data, model);
        var y = data.Source.RequireTarget();
        var labels = new float[data.Source.Count];
        for (int i = 0; i < data.Count; i++)
        {
            int row = data.SourceRow(i);
            labels[row] = (float)y[row];
        }
        return new BoostingTargets(null, labels, null, null);
    }

    public float[] Labels(DataView rows) => Gather(_labelBySource, rows);

    public float[]? Weights(DataView rows) => _weightBySource is null ? null : Gather(_weightBySource, rows);

    /// <summary>The class index of each row of <paramref name="rows"/> (classifiers).</summary>
    public int[] ClassIndices(DataView rows)
    {
        var result = new int[rows.Count];
        for (int i = 0; i < result.Length; i++) result[i] = (int)_labelBySource[rows.SourceRow(i)];
        return result;
    }

    private static float[] Gather(float[] bySource, DataView rows)
    {
        var result = new float[rows.Count];
        for (int i = 0; i < result.Length; i++) result[i] = bySource[rows.SourceRow(i)];
        return result;
    }
}
