using Scalearn.Data;

namespace Scalearn.Trees;

internal static class RegressionTargets
{
    /// <summary>The source target array after checking that the view's targets are finite (and fit for the criterion).</summary>
    public static double[] Check(DataView data, string model, RegressionCriterion criterion)
    {
        var y = data.Source.RequireTarget();
        double sum = 0;
        for (int i = 0; i < data.Count; i++)
        {
            double v = y[data.SourceRow(i)];
            if (!double.IsFinite(v)) throw new ArgumentException($"{model}: target contains {v} at row {i}.");
            if (criterion == RegressionCriterion.Poisson && v < 0)
                throw new ArgumentException($"{model}: criterion 'poisson' needs a target >= 0; row {i} has {v}.");
            sum += v;
        }
        if (criterion == RegressionCriterion.Poisson && !(sum > 0))
            throw new ArgumentException($"{model}: criterion 'poisson' needs a target whose sum is positive; it is {sum}.");
        return y;
    }
}
