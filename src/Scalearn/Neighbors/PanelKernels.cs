using System.Runtime.Intrinsics;

namespace Scalearn.Neighbors;

/// <summary>How the brute-force kernel accumulates one coordinate and turns the sum into a ranking key.</summary>
internal interface IPanelKernel
{
    static abstract Vector256<float> Accumulate(Vector256<float> sum, Vector256<float> query, Vector256<float> points);

    /// <summary>The key is approximately the reduced distance; padding points carry +inf in <paramref name="pointNorms"/>.</summary>
    static abstract Vector256<float> Finish(Vector256<float> sum, Vector256<float> pointNorms, float queryNorm);

    static abstract Vector512<float> Accumulate(Vector512<float> sum, Vector512<float> query, Vector512<float> points);

    static abstract Vector512<float> Finish(Vector512<float> sum, Vector512<float> pointNorms, float queryNorm);
}

/// <summary>Squared euclidean distance as |p|^2 + |q|^2 - 2 q.p: one fused multiply-add per coordinate.</summary>
internal readonly struct SquaredEuclideanKernel : IPanelKernel
{
    public static Vector256<float> Accumulate(Vector256<float> sum, Vector256<float> query, Vector256<float> points) =>
        Vector256.FusedMultiplyAdd(query, points, sum);

    public static Vector256<float> Finish(Vector256<float> sum, Vector256<float> pointNorms, float queryNorm) =>
        Vector256.FusedMultiplyAdd(sum, Vector256.Create(-2f), pointNorms + Vector256.Create(queryNorm));

    public static Vector512<float> Accumulate(Vector512<float> sum, Vector512<float> query, Vector512<float> points) =>
        Vector512.FusedMultiplyAdd(query, points, sum);

    public static Vector512<float> Finish(Vector512<float> sum, Vector512<float> pointNorms, float queryNorm) =>
        Vector512.FusedMultiplyAdd(sum, Vector512.Create(-2f), pointNorms + Vector512.Create(queryNorm));
}

/// <summary>Sum of absolute differences.</summary>
internal readonly struct ManhattanKernel : IPanelKernel
{
    public static Vector256<float> Accumulate(Vector256<float> sum, Vector256<float> query, Vector256<float> points) =>
        sum + Vector256.Abs(points - query);

    public static Vector256<float> Finish(Vector256<float> sum, Vector256<float> pointNorms, float queryNorm) => sum + pointNorms;

    public static Vector512<float> Accumulate(Vector512<float> sum, Vector512<float> query, Vector512<float> points) =>
        sum + Vector512.Abs(points - query);

    public static Vector512<float> Finish(Vector512<float> sum, Vector512<float> pointNorms, float queryNorm) => sum + pointNorms;
}

/// <summary>1 - q.p on unit-normalised vectors.</summary>
internal readonly struct CosineKernel : IPanelKernel
{
    public static Vector256<float> Accumulate(Vector256<float> sum, Vector256<float> query, Vector256<float> points) =>
        Vector256.FusedMultiplyAdd(query, points, sum);

    public static Vector256<float> Finish(Vector256<float> sum, Vector256<float> pointNorms, float queryNorm) =>
        Vector256<float>.One - sum + pointNorms;

    public static Vector512<float> Accumulate(Vector512<float> sum, Vector512<float> query, Vector512<float> points) =>
        Vector512.FusedMultiplyAdd(query, points, sum);

    public static Vector512<float> Finish(Vector512<float> sum, Vector512<float> pointNorms, float queryNorm) =>
        Vector512<float>.One - sum + pointNorms;
}
