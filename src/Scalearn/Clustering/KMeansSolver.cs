using Scalearn.Data;

namespace Scalearn.Clustering;

internal sealed record KMeansRun(Matrix Centers, int[] Labels, double Inertia, int Iterations);

/// <summary>
/// One k-means run from given centers, following scikit-learn 1.2.1's _kmeans_single_lloyd / _kmeans_single_elkan:
/// stop when labels no longer change (strict convergence) or the total squared center shift is at most tol;
/// otherwise relabel once with the final centers so that labels and centers agree.
/// </summary>
internal static class KMeansSolver
{
    public static KMeansRun Lloyd(Matrix x, Matrix centers, int maxIter, double tol)
    {
        int n = x.Rows;
        var labels = new int[n];
        var previous = new int[n];
        Array.Fill(previous, -1);
        bool strict = false;
        int iteration = 0;
        while (iteration < maxIter)
        {
            Execution.FitInterruption.Check();
            KMeansMath.Assign(x, centers, labels);
            var (updated, shift) = UpdateCenters(x, labels, centers);
            centers = updated;
            iteration++;
            if (labels.AsSpan().SequenceEqual(previous)) { strict = true; break; }
            if (shift.Sum(s => s * s) <= tol) break;
            labels.CopyTo(previous, 0);
        }
        double inertia = strict ? Inertia(x, centers, labels) : KMeansMath.Assign(x, centers, labels);
        return new KMeansRun(centers, labels, inertia, iteration);
    }

    /// <summary>Elkan's algorithm: upper/lower distance bounds skip most point-center distances; same fixed point as Lloyd.</summary>
    public static KMeansRun Elkan(Matrix x, Matrix centers, int maxIter, double tol)
    {
        int n = x.Rows, k = centers.Rows;
        var labels = new int[n];
        var previous = new int[n];
        Array.Fill(previous, -1);
        var upper = new double[n];
        var lower = new double[n * k];
        for (int i = 0; i < n; i++)
        {
            double best = double.PositiveInfinity;
            for (int c = 0; c < k; c++)
            {
                double d = Math.Sqrt(KMeansMath.SquaredDistance(x.Row(i), centers.Row(c)));
                lower[i * k + c] = d;
                if (d < best) { best = d; labels[i] = c; }
            }
            upper[i] = best;
        }
        var centerDistances = new double[k * k];
        var halfNearest = new double[k];
        bool strict = false;
        int iteration = 0;
        while (iteration < maxIter)
        {
            Execution.FitInterruption.Check();
            if (iteration > 0) BoundedAssign(x, centers, labels, upper, lower, centerDistances, halfNearest);
            var (updated, shift) = UpdateCenters(x, labels, centers);
            for (int i = 0; i < n; i++)
            {
                upper[i] += shift[labels[i]];
                for (int c = 0; c < k; c++) lower[i * k + c] = Math.Max(0, lower[i * k + c] - shift[c]);
            }
            centers = updated;
            iteration++;
            if (labels.AsSpan().SequenceEqual(previous)) { strict = true; break; }
            if (shift.Sum(s => s * s) <= tol) break;
            labels.CopyTo(previous, 0);
        }
        double inertia = strict ? Inertia(x, centers, labels) : KMeansMath.Assign(x, centers, labels);
        return new KMeansRun(centers, labels, inertia, iteration);
    }

    private static void BoundedAssign(Matrix x, Matrix centers, int[] labels, double[] upper, double[] lower,
        double[] centerDistances, double[] halfNearest)
    {
        int k = centers.Rows;
        for (int a = 0; a < k; a++)
        {
            halfNearest[a] = double.PositiveInfinity;
            for (int b = 0; b < k; b++)
            {
                double d = a == b ? 0 : Math.Sqrt(KMeansMath.SquaredDistance(centers.Row(a), centers.Row(b)));
                centerDistances[a * k + b] = d;
                if (a != b) halfNearest[a] = Math.Min(halfNearest[a], d / 2);
            }
        }
        for (int i = 0; i < labels.Length; i++)
        {
            int label = labels[i];
            if (upper[i] <= halfNearest[label]) continue;
            bool tight = false;
            for (int c = 0; c < k; c++)
            {
                if (c == label || upper[i] <= lower[i * k + c] || upper[i] <= centerDistances[label * k + c] / 2) continue;
                if (!tight)
                {
                    upper[i] = lower[i * k + label] = Math.Sqrt(KMeansMath.SquaredDistance(x.Row(i), centers.Row(label)));
                    tight = true;
                    if (upper[i] <= lower[i * k + c] || upper[i] <= centerDistances[label * k + c] / 2) continue;
                }
                double d = lower[i * k + c] = Math.Sqrt(KMeansMath.SquaredDistance(x.Row(i), centers.Row(c)));
                if (d < upper[i]) { label = c; upper[i] = d; }
            }
            labels[i] = label;
        }
    }

    /// <summary>
    /// Means of the assigned rows. An empty cluster takes the row farthest from its current center (scikit-learn's
    /// _relocate_empty_clusters). Returns the new centers and each center's euclidean shift.
    /// </summary>
    public static (Matrix Centers, double[] Shift) UpdateCenters(Matrix x, int[] labels, Matrix old)
    {
        int k = old.Rows, d = x.Cols;
        var sums = new Matrix(k, d);
        var counts = new double[k];
        for (int i = 0; i < x.Rows; i++)
        {
            var row = x.Row(i);
            var target = sums.Row(labels[i]);
            for (int j = 0; j < d; j++) target[j] += row[j];
            counts[labels[i]]++;
        }
        var empty = Enumerable.Range(0, k).Where(c => counts[c] == 0).ToArray();
        if (empty.Length > 0)
        {
            var farthest = Enumerable.Range(0, x.Rows)
                .Select(i => (Distance: KMeansMath.SquaredDistance(x.Row(i), old.Row(labels[i])), Row: i))
                .OrderByDescending(t => t.Distance).ThenBy(t => t.Row).Take(empty.Length).ToArray();
            for (int e = 0; e < empty.Length && e < farthest.Length; e++)
            {
                int row = farthest[e].Row, from = labels[row];
                var values = x.Row(row);
                for (int j = 0; j < d; j++) sums[from, j] -= values[j];
                counts[from]--;
                values.CopyTo(sums.Row(empty[e]));
                counts[empty[e]] = 1;
            }
        }
        var shift = new double[k];
        for (int c = 0; c < k; c++)
        {
            var row = sums.Row(c);
            if (counts[c] > 0) for (int j = 0; j < d; j++) row[j] /= counts[c];
            else old.Row(c).CopyTo(row);
            shift[c] = Math.Sqrt(KMeansMath.SquaredDistance(row, old.Row(c)));
        }
        return (sums, shift);
    }

    public static double Inertia(Matrix x, Matrix centers, int[] labels)
    {
        double sum = 0;
        for (int i = 0; i < x.Rows; i++) sum += KMeansMath.SquaredDistance(x.Row(i), centers.Row(labels[i]));
        return sum;
    }
}
