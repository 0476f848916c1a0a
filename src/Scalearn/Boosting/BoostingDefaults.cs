using Scalearn.Boosting.Native;

namespace Scalearn.Boosting;

/// <summary>LightGBM settings every Scalearn fit uses, whatever the estimator.</summary>
internal static class BoostingDefaults
{
    /// <summary>
    /// Quiet (errors come back as exceptions), no built-in metrics (early stopping computes scikit-learn's own
    /// scores), and reproducible: deterministic=true with column-wise histograms, whose sums do not depend on the
    /// thread count (row-wise histograms add per-thread blocks and may differ in the last bits across thread counts).
    /// </summary>
    public static LightGbmParameters Apply(LightGbmParameters p) => p
        .Set("verbosity", -1)
        .Set("metric", "None")
        .Set("deterministic", true)
        .Set("force_col_wise", true);
}
