namespace Scalearn.Distributed.Summaries;

/// <summary>
/// The whole dataset as the summary round saw it, combined in partition order: shape, column means and (population)
/// variances, target moments and the sorted class labels with their counts. Partitions whose columns differ from the
/// first one's, or that hold another number of rows than they declared, are refused, naming them.
/// </summary>
internal sealed class DatasetSummary
{
    private DatasetSummary(long rows, string[] featureNames, double[]? mean, double[]? variance, double targetMean, double targetVariance,
        double[]? classes, long[]? classCounts)
    {
        Rows = rows; FeatureNames = featureNames; Mean = mean; Variance = variance;
        TargetMean = targetMean; TargetVariance = targetVariance; Classes = classes; ClassCounts = classCounts;
    }

    public long Rows { get; }
    public string[] FeatureNames { get; }
    public int Features => FeatureNames.Length;
    public double[]? Mean { get; }
    public double[]? Variance { get; }
    public double TargetMean { get; }
    public double TargetVariance { get; }
    public double[]? Classes { get; }
    public long[]? ClassCounts { get; }

    /// <param name="describe">How errors name partition i.</param>
    /// <param name="declaredRows">The row count partition i declared, when it did.</param>
    public static DatasetSummary Combine(IReadOnlyList<PartitionSummary> parts, Func<int, string> describe, Func<int, long?> declaredRows)
    {
        var names = parts[0].FeatureNames;
        for (int i = 0; i < parts.Count; i++)
        {
            var other = parts[i].FeatureNames;
            if (other.Length != names.Length)
                throw new PartitionDataException($"{describe(i)} has {other.Length} feature columns but {describe(0)} has {names.Length}: every partition must have the same columns.");
            for (int j = 0; j < names.Length; j++)
                if (other[j] != names[j])
                    throw new PartitionDataException($"{describe(i)} names column {j} '{other[j]}' where {describe(0)} has '{names[j]}': every partition must have the same columns.");
            if (declaredRows(i) is long declared && declared != parts[i].Rows)
                throw new PartitionDataException($"{describe(i)} holds {parts[i].Rows} rows but was declared with {declared}.");
        }

        long n = 0;
        double[]? mean = null, m2 = null;
        double targetMean = 0, targetM2 = 0;
        var labels = new SortedDictionary<double, long>();
        bool anyLabels = false;
        foreach (var part in parts)
        {
            if (part.Labels is { } partLabels)
            {
                anyLabels = true;
                for (int c = 0; c < partLabels.Length; c++) labels[partLabels[c]] = labels.GetValueOrDefault(partLabels[c]) + part.LabelCounts![c];
            }
            if (part.Rows == 0) continue;
            if (part.Mean is { } partMean && part.M2 is { } partM2)
            {
                if (mean is null)
                {
                    mean = (double[])partMean.Clone();
                    m2 = (double[])partM2.Clone();
                    targetMean = part.TargetMean;
                    targetM2 = part.TargetM2;
                }
                else
                {
                    double total = n + part.Rows, share = part.Rows / total, cross = (double)n * part.Rows / total;
                    for (int j = 0; j < mean.Length; j++)
                    {
                        double delta = partMean[j] - mean[j];
                        mean[j] += delta * share;
                        m2![j] += partM2[j] + delta * delta * cross;
                    }
                    double targetDelta = part.TargetMean - targetMean;
                    targetMean += targetDelta * share;
                    targetM2 += part.TargetM2 + targetDelta * targetDelta * cross;
                }
            }
            n += part.Rows;
        }
        var variance = m2?.Select(v => v / n).ToArray();
        return new DatasetSummary(n, names, mean, variance, targetMean, n > 0 ? targetM2 / n : 0,
            anyLabels ? [.. labels.Keys] : null, anyLabels ? [.. labels.Values] : null);
    }
}
