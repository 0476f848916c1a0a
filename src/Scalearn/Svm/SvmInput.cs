using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Svm;

/// <summary>Input checks and conversions shared by SVC and SVR.</summary>
internal static class SvmInput
{
    public static Matrix TrainingMatrix(DataView data, string model)
    {
        ModelChecks.AllFinite(data, model);
        return data.ToMatrix();
    }

    public static double[] Targets(DataView data, string model)
    {
        ModelChecks.FiniteTarget(data, model);
        return data.Targets();
    }

    public static long CacheBytes(double cacheSizeMb) => (long)Math.Min(cacheSizeMb * 1024 * 1024, long.MaxValue / 2);
}
