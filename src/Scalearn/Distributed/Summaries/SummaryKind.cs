using System.Numerics.Tensors;
using Scalearn.Distributed.Rounds;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Execution.Wire;

namespace Scalearn.Distributed.Summaries;

/// <summary>What a summary round computes besides the shape and the finite check of the features.</summary>
internal sealed record SummaryRequest(bool NeedTarget, bool ClassLabels, bool Moments);

/// <summary>
/// One partition's shape and statistics: column means and sums of squared deviations from them (combined across
/// partitions with Chan's formula), and the distinct labels with their counts.
/// </summary>
internal sealed record PartitionSummary(long Rows, string[] FeatureNames, double[]? Mean, double[]? M2, double TargetMean, double TargetM2,
    double[]? Labels, long[]? LabelCounts);

/// <summary>
/// The first round of every data-parallel fit: loads each partition where it will stay, checks that its features (and
/// target, when one is needed) are finite, and returns its shape and the statistics the fit needs up front.
/// </summary>
[RegisteredTaskKind]
internal sealed class SummaryKind : PartitionStepKind<SummaryRequest, PartitionSummary>
{
    /// <summary>More distinct labels than this in one partition is a continuous target, not classes.</summary>
    public const int MaxClasses = 1 << 16;
    private const int MaxFeatures = 1 << 24;

    public static SummaryKind Instance { get; } = new();

    public override string Name => "scalearn.partition-summary";

    public override PartitionSummary Step(PartitionContext partition, SummaryRequest request)
    {
        var data = partition.Data;
        var x = data.X;
        if (!Linear.FiniteCheck.AllFinite(x.Values)) throw NonFinite(partition);
        double[]? y = null;
        if (request.NeedTarget)
        {
            y = data.Y ?? throw partition.Error($"has no target column '{data.TargetName}'.");
            for (int i = 0; i < y.Length; i++)
                if (!double.IsFinite(y[i])) throw partition.Error($"the target is {(double.IsNaN(y[i]) ? "NaN" : "infinite")} at {partition.Row(i)}.");
        }
        double[]? mean = null, m2 = null;
        double targetMean = 0, targetM2 = 0;
        if (request.Moments && data.Count > 0)
        {
            (mean, m2) = ColumnMoments(x, partition.Cancellation);
            if (y is not null)
            {
                targetMean = TensorPrimitives.Sum<double>(y) / y.Length;
                foreach (double v in y) targetM2 += (v - targetMean) * (v - targetMean);
            }
        }
        double[]? labels = null;
        long[]? counts = null;
        if (request.ClassLabels && y is not null)
        {
            var byLabel = new SortedDictionary<double, long>();
            foreach (double v in y)
            {
                byLabel[v] = byLabel.GetValueOrDefault(v) + 1;
                if (byLabel.Count > MaxClasses)
                    throw partition.Error($"the target has more than {MaxClasses} distinct values; a classifier needs class labels, not a continuous target.");
            }
            labels = [.. byLabel.Keys];
            counts = [.. byLabel.Values];
        }
        return new PartitionSummary(data.Count, [.. data.FeatureNames], mean, m2, targetMean, targetM2, labels, counts);
    }

    /// <summary>Per-column mean and sum of squared deviations, two passes over the rows (as scikit-learn's variances).</summary>
    private static (double[] Mean, double[] M2) ColumnMoments(Data.Matrix x, CancellationToken cancellation)
    {
        int n = x.Rows, p = x.Cols;
        var mean = new double[p];
        var m2 = new double[p];
        var deviation = new double[p];
        for (int i = 0; i < n; i++)
        {
            TensorPrimitives.Add<double>(mean, x.Row(i), mean);
            if ((i & 0xFFFF) == 0) cancellation.ThrowIfCancellationRequested();
        }
        TensorPrimitives.Divide<double>(mean, n, mean);
        for (int i = 0; i < n; i++)
        {
            TensorPrimitives.Subtract<double>(x.Row(i), mean, deviation);
            TensorPrimitives.MultiplyAdd<double>(deviation, deviation, m2, m2);
            if ((i & 0xFFFF) == 0) cancellation.ThrowIfCancellationRequested();
        }
        return (mean, m2);
    }

    private static PartitionDataException NonFinite(PartitionContext partition)
    {
        var x = partition.Data.X;
        for (int i = 0; i < x.Rows; i++)
        {
            var row = x.Row(i);
            for (int j = 0; j < row.Length; j++)
                if (!double.IsFinite(row[j]))
                    return partition.Error($"feature '{partition.Data.FeatureNames[j]}' (column {j}) is {(double.IsNaN(row[j]) ? "NaN" : "infinite")} at {partition.Row(i)}.");
        }
        return partition.Error("the features are not all finite.");
    }

    public override void WriteRequest(SummaryRequest request, WireWriter writer)
    {
        writer.Bool(request.NeedTarget);
        writer.Bool(request.ClassLabels);
        writer.Bool(request.Moments);
    }

    public override SummaryRequest ReadRequest(WireReader reader) => new(reader.Bool(), reader.Bool(), reader.Bool());

    protected override void WriteValue(PartitionSummary value, WireWriter writer)
    {
        writer.Int64(value.Rows);
        writer.Strings(value.FeatureNames);
        writer.Doubles(value.Mean);
        writer.Doubles(value.M2);
        writer.Double(value.TargetMean);
        writer.Double(value.TargetM2);
        writer.Doubles(value.Labels);
        writer.Doubles(value.LabelCounts?.Select(c => (double)c).ToArray());
    }

    protected override PartitionSummary ReadValue(WireReader reader)
    {
        long rows = reader.Int64();
        var names = reader.Strings(MaxFeatures);
        var mean = reader.NullableDoubles(MaxFeatures);
        var m2 = reader.NullableDoubles(MaxFeatures);
        double targetMean = reader.Double(), targetM2 = reader.Double();
        var labels = reader.NullableDoubles(MaxClasses);
        var counts = reader.NullableDoubles(MaxClasses);
        if (counts is not null && counts.Any(c => c < 0 || c != Math.Floor(c))) throw new InvalidDataException("Label counts must be non-negative integers.");
        return new PartitionSummary(rows, names, mean, m2, targetMean, targetM2, labels, counts?.Select(c => (long)c).ToArray());
    }

    protected override string? Mismatch(SummaryRequest request, PartitionSummary value)
    {
        if (value.Rows < 0) return "a negative row count";
        if (request.Moments && value.Rows > 0 && (value.Mean?.Length != value.FeatureNames.Length || value.M2?.Length != value.FeatureNames.Length))
            return "moments do not match the feature count";
        if (value.Labels?.Length != value.LabelCounts?.Length) return "labels and their counts differ in length";
        if (value.Labels is { } labels && labels.Zip(labels.Skip(1)).Any(p => !(p.First < p.Second))) return "labels must be distinct and sorted";
        return null;
    }
}
