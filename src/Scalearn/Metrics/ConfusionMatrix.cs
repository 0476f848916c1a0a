using System.Text;
using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Metrics;

/// <summary>
/// scikit-learn's confusion_matrix: <see cref="Values"/>[i, j] counts the samples of true class <see cref="Labels"/>[i]
/// predicted as <see cref="Labels"/>[j] (or the normalized fraction).
/// </summary>
public sealed class ConfusionMatrix
{
    private ConfusionMatrix(double[] labels, Matrix values, string? normalize)
    {
        Labels = labels;
        Values = values;
        Normalize = normalize;
    }

    /// <summary>Row and column labels: the given <c>labels</c>, else the sorted union of true and predicted labels.</summary>
    public IReadOnlyList<double> Labels { get; }

    public Matrix Values { get; }

    /// <summary>null (counts), "true" (rows sum to 1), "pred" (columns sum to 1) or "all" (the matrix sums to 1).</summary>
    public string? Normalize { get; }

    public double this[int trueIndex, int predictedIndex] => Values[trueIndex, predictedIndex];

    /// <summary>
    /// Counts (true, predicted) pairs over <paramref name="labels"/> (default: every label seen, sorted); samples whose
    /// true or predicted label is not listed are left out. Normalized cells of an all-zero row or column are 0.
    /// </summary>
    public static ConfusionMatrix Compute(IReadOnlyList<double> yTrue, IReadOnlyList<double> yPred,
        IReadOnlyList<double>? labels = null, string? normalize = null)
    {
        TargetTypes.CheckClassificationTargets(yTrue, yPred);
        if (normalize is not null && normalize is not ("true" or "pred" or "all"))
            throw new ParameterException("normalize", $"normalize must be one of {{'true', 'pred', 'all', None}}; got '{normalize}'.");
        double[] order;
        if (labels is null) order = TargetTypes.UniqueLabels(yTrue, yPred);
        else
        {
            if (labels.Count == 0) throw new ParameterException("labels", "'labels' should contains at least one label.");
            order = labels.ToArray();
            if (!yTrue.Any(order.Contains)) throw new ParameterException("labels", "At least one label specified must be in y_true");
        }
        var index = LabelIndex(order);
        int n = order.Length;
        var counts = new Matrix(n, n);
        for (int s = 0; s < yTrue.Count; s++)
            if (index.TryGetValue(yTrue[s], out int i) && index.TryGetValue(yPred[s], out int j)) counts[i, j]++;
        if (normalize is not null) NormalizeInPlace(counts, normalize);
        return new ConfusionMatrix(order, counts, normalize);
    }

    /// <summary>Position of each label; the first occurrence wins for a repeated label.</summary>
    internal static Dictionary<double, int> LabelIndex(IReadOnlyList<double> labels)
    {
        var index = new Dictionary<double, int>(labels.Count);
        for (int k = 0; k < labels.Count; k++) index.TryAdd(labels[k], k);
        return index;
    }

    private static void NormalizeInPlace(Matrix m, string normalize)
    {
        int n = m.Rows;
        var rowSums = new double[n];
        var colSums = new double[n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) { rowSums[i] += m[i, j]; colSums[j] += m[i, j]; }
        double total = rowSums.Sum();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double divisor = normalize switch { "true" => rowSums[i], "pred" => colSums[j], _ => total };
                m[i, j] = divisor == 0 ? 0 : m[i, j] / divisor;
            }
    }

    /// <summary>The matrix as aligned text with a header of predicted labels and one row per true label.</summary>
    public override string ToString() => ToText(null);

    /// <summary>As <see cref="ToString"/>, with each label written by <paramref name="label"/> (class names) when given.</summary>
    public string ToText(Func<double, string>? label)
    {
        var names = Labels.Select(label ?? LabelText.Of).ToArray();
        var cells = new string[Labels.Count, Labels.Count];
        int width = names.Max(s => s.Length);
        for (int i = 0; i < Labels.Count; i++)
            for (int j = 0; j < Labels.Count; j++)
            {
                cells[i, j] = Normalize is null ? LabelText.Of(Values[i, j]) : FixedText.Format(Values[i, j], 2);
                width = Math.Max(width, cells[i, j].Length);
            }
        int nameWidth = Math.Max(names.Max(s => s.Length), "true\\pred".Length);
        var text = new StringBuilder();
        text.Append("true\\pred".PadLeft(nameWidth));
        foreach (var name in names) text.Append("  ").Append(name.PadLeft(width));
        text.Append('\n');
        for (int i = 0; i < Labels.Count; i++)
        {
            text.Append(names[i].PadLeft(nameWidth));
            for (int j = 0; j < Labels.Count; j++) text.Append("  ").Append(cells[i, j].PadLeft(width));
            text.Append('\n');
        }
        return text.ToString();
    }
}
