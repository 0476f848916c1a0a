namespace Scalearn.Boosting.Native;

/// <summary>Facts read back from a loaded booster: shape and feature importances.</summary>
internal static unsafe class NativeModelInfo
{
    public static int FeatureCount(BoosterHandle booster)
    {
        LightGbm.Check(LightGbmApi.BoosterGetNumFeature(booster, out int features), "read the model's feature count");
        return features;
    }

    public static int TreesPerIteration(BoosterHandle booster)
    {
        LightGbm.Check(LightGbmApi.BoosterNumModelPerIteration(booster, out int trees), "read the model's trees per iteration");
        return trees;
    }

    public static int Iterations(BoosterHandle booster)
    {
        LightGbm.Check(LightGbmApi.BoosterGetCurrentIteration(booster, out int iterations), "read the model's iteration count");
        return iterations;
    }

    /// <summary>Split counts (<see cref="LightGbmApi.ImportanceSplit"/>) or total gains (<see cref="LightGbmApi.ImportanceGain"/>) per feature.</summary>
    public static double[] FeatureImportance(BoosterHandle booster, int importanceType, int features)
    {
        var result = new double[features];
        if (features == 0) return result;
        fixed (double* output = result)
            LightGbm.Check(LightGbmApi.BoosterFeatureImportance(booster, 0, importanceType, output), "compute feature importances");
        return result;
    }
}
