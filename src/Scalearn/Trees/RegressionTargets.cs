using Scalearn.Data;

namespace Scalearn.Trees;

internal static class RegressionTargets
{
    /// <summary>The source target array after checking that the view's targets are finite.</summary>
    public static double[] Check(DataView data, string model)
    {
        var y = data.Source.RequireTarget();
        for (int i = 0; i < data.Count; i++)
        {
            double v = y[data.SourceRow(i)];
            if (!double.IsFinite(v)) throw new ArgumentException($"{model}: target contains {v} at row {i}.");
        }
        return y;
    }
}
