using System.Numerics.Tensors;

namespace Scalearn.Linear;

/// <summary>
/// The weights of one SGD problem (a regression or one binary one-vs-all problem). The true weights are
/// W * WScale: L2 shrinkage multiplies the scalar instead of every weight (scikit-learn's WeightVector).
/// </summary>
internal sealed class SgdState
{
    public SgdState(int features, bool averaged)
    {
        W = new double[features];
        AverageW = averaged ? new double[features] : null;
    }

    public double[] W { get; }
    public double WScale { get; set; } = 1.0;
    public double Intercept { get; set; }
    public double[]? AverageW { get; }
    public double AverageIntercept { get; set; }

    /// <summary>A state whose weights start at a previous fit's coefficients (warm start; averages restart).</summary>
    public static SgdState From(ReadOnlySpan<double> coef, double intercept, bool averaged)
    {
        var state = new SgdState(coef.Length, averaged) { Intercept = intercept };
        coef.CopyTo(state.W);
        return state;
    }

    /// <summary>Folds the scale into the weights so that W holds the true weights.</summary>
    public void Normalize()
    {
        if (WScale == 1.0) return;
        TensorPrimitives.Multiply<double>(W, WScale, W);
        WScale = 1.0;
    }

    public double Predict(ReadOnlySpan<double> x) => TensorPrimitives.Dot<double>(x, W) * WScale + Intercept;

    /// <summary>The weights a model should use: averaged ones once at least `average` updates were made (scikit-learn's rule).</summary>
    public (double[] Coef, double Intercept) Final(int average, double t)
    {
        Normalize();
        if (average > 0 && average <= t - 1 && AverageW is not null) return ((double[])AverageW.Clone(), AverageIntercept);
        return ((double[])W.Clone(), Intercept);
    }
}
