using Scalearn.Data;

namespace Scalearn.Linear;

/// <summary>The coef_ and intercept_ of a linear classifier's or regressor's previous fit, the starting point of a warm-started fit.</summary>
internal sealed record WarmStartSolution(Matrix Coef, double[] Intercept)
{
    public void RequireShape(int rows, int features, string estimator)
    {
        if (Coef.Rows != rows || Coef.Cols != features)
            throw new ArgumentException($"{estimator}: warm_start=True needs the previous fit's shape, but its coef_ is {Coef.Rows} x {Coef.Cols} and this fit needs {rows} x {features}.");
    }

    /// <summary>One-vs-rest problem r: its row of coef_ and its intercept.</summary>
    public void FillBinaryStart(double[] start, int r, int features, bool fitIntercept)
    {
        Coef.Row(r).CopyTo(start.AsSpan(0, features));
        if (fitIntercept) start[features] = Intercept[r];
    }

    /// <summary>The multinomial problem: all rows; a binary coef_ (one row) stands for the classes' rows -coef and +coef.</summary>
    public void FillMultinomialStart(double[] start, int classes, int features, bool fitIntercept)
    {
        for (int c = 0; c < classes; c++)
        {
            double sign = Coef.Rows == 1 ? (c == 0 ? -1 : 1) : 1;
            int row = Coef.Rows == 1 ? 0 : c;
            for (int f = 0; f < features; f++) start[c * features + f] = sign * Coef[row, f];
            if (fitIntercept) start[classes * features + c] = sign * Intercept[row];
        }
    }
}
