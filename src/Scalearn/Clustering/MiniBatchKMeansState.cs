using Scalearn.Data;
using Scalearn.Numerics;

namespace Scalearn.Clustering;

/// <summary>
/// Centers and per-center weight sums updated one mini-batch at a time (scikit-learn's _mini_batch_step): each center
/// moves to the running mean of all rows ever assigned to it; now and then centers with very little weight are
/// moved onto random rows of the batch (reassignment_ratio).
/// </summary>
internal sealed class MiniBatchKMeansState
{
    private readonly double _reassignmentRatio;
    private readonly Rng _rng;
    private int _sinceLastReassign;

    public MiniBatchKMeansState(Matrix centers, double reassignmentRatio, Rng rng)
    {
        Centers = centers;
        WeightSums = new double[centers.Rows];
        _reassignmentRatio = reassignmentRatio;
        _rng = rng;
    }

    public Matrix Centers { get; }
    public double[] WeightSums { get; }
    public long Steps { get; private set; }

    /// <summary>Updates the centers from one batch; returns the batch inertia before the update and the batch labels.</summary>
    public double Step(Matrix batch, int[] labels, out double centersSquaredShift)
    {
        int k = Centers.Rows, d = Centers.Cols;
        double inertia = KMeansMath.Assign(batch, Centers, labels);
        var before = (double[])Centers.Values.Clone();
        var sums = new Matrix(k, d);
        var counts = new double[k];
        for (int i = 0; i < batch.Rows; i++)
        {
            var row = batch.Row(i);
            var target = sums.Row(labels[i]);
            for (int j = 0; j < d; j++) target[j] += row[j];
            counts[labels[i]]++;
        }
        for (int c = 0; c < k; c++)
        {
            if (counts[c] == 0) continue;
            var center = Centers.Row(c);
            var sum = sums.Row(c);
            double total = WeightSums[c] + counts[c];
            for (int j = 0; j < d; j++) center[j] = (center[j] * WeightSums[c] + sum[j]) / total;
            WeightSums[c] = total;
        }
        if (ShouldReassign(batch.Rows) && _reassignmentRatio > 0) Reassign(batch);
        centersSquaredShift = 0;
        for (int i = 0; i < before.Length; i++) centersSquaredShift += (Centers.Values[i] - before[i]) * (Centers.Values[i] - before[i]);
        Steps++;
        return inertia;
    }

    private bool ShouldReassign(int batchSize)
    {
        _sinceLastReassign += batchSize;
        if (WeightSums.Contains(0.0) || _sinceLastReassign >= 10 * Centers.Rows)
        {
            _sinceLastReassign = 0;
            return true;
        }
        return false;
    }

    private void Reassign(Matrix batch)
    {
        int k = Centers.Rows;
        double limit = _reassignmentRatio * WeightSums.Max();
        var reassign = Enumerable.Range(0, k).Where(c => WeightSums[c] < limit).ToList();
        int cap = (int)(0.5 * batch.Rows);
        if (reassign.Count > cap)
            reassign = reassign.OrderBy(c => WeightSums[c]).ThenBy(c => c).Take(cap).OrderBy(c => c).ToList();
        if (reassign.Count == 0 || reassign.Count == k) return;
        var rows = Enumerable.Range(0, batch.Rows).ToArray();
        for (int r = 0; r < reassign.Count; r++)
        {
            int pick = r + _rng.NextInt(rows.Length - r);
            (rows[r], rows[pick]) = (rows[pick], rows[r]);
            batch.Row(rows[r]).CopyTo(Centers.Row(reassign[r]));
        }
        double minKept = Enumerable.Range(0, k).Where(c => !reassign.Contains(c)).Min(c => WeightSums[c]);
        foreach (int c in reassign) WeightSums[c] = minKept;
    }
}
