namespace Scalearn.Neighbors;

/// <summary>
/// Exact float64 distances. Searches rank by a "reduced" distance that is cheaper and monotone in the true one
/// (squared euclidean, sum of |d|^p); every algorithm converts with the same function so results agree bit for bit.
/// </summary>
internal readonly record struct Distance(DistanceKind Kind, double P)
{
    public static Distance Resolve(NeighborMetric metric, double p) => metric switch
    {
        NeighborMetric.Euclidean => new(DistanceKind.Euclidean, 2),
        NeighborMetric.Manhattan => new(DistanceKind.Manhattan, 1),
        NeighborMetric.Cosine => new(DistanceKind.Cosine, 2),
        _ when p == 2 => new(DistanceKind.Euclidean, 2),
        _ when p == 1 => new(DistanceKind.Manhattan, 1),
        _ => new(DistanceKind.Minkowski, p),
    };

    public double Reduced(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        switch (Kind)
        {
            case DistanceKind.Euclidean:
                for (int j = 0; j < a.Length; j++) { double d = a[j] - b[j]; sum += d * d; }
                return sum;
            case DistanceKind.Manhattan:
                for (int j = 0; j < a.Length; j++) sum += Math.Abs(a[j] - b[j]);
                return sum;
            case DistanceKind.Minkowski:
                for (int j = 0; j < a.Length; j++) sum += Math.Pow(Math.Abs(a[j] - b[j]), P);
                return sum;
            default:
                return Cosine(a, b);
        }
    }

    public double ToDistance(double reduced) => Kind switch
    {
        DistanceKind.Euclidean => Math.Sqrt(reduced),
        DistanceKind.Minkowski => Math.Pow(reduced, 1 / P),
        _ => reduced,
    };

    public double ToReduced(double distance) => Kind switch
    {
        DistanceKind.Euclidean => distance * distance,
        DistanceKind.Minkowski => Math.Pow(distance, P),
        _ => distance,
    };

    public double Exact(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => ToDistance(Reduced(a, b));

    /// <summary>1 - cos, clipped to [0, 2]; a zero vector has similarity 0 with everything (scikit-learn's normalize).</summary>
    private static double Cosine(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (int j = 0; j < a.Length; j++) { dot += a[j] * b[j]; na += a[j] * a[j]; nb += b[j] * b[j]; }
        double similarity = na == 0 || nb == 0 ? 0 : dot / (Math.Sqrt(na) * Math.Sqrt(nb));
        return Math.Clamp(1 - similarity, 0, 2);
    }
}
