using Scalearn.Data;

namespace Scalearn.Boosting.Native;

/// <summary>Builds LightGBM datasets from views: float64 row-major features, float32 labels and weights (LightGBM's label_t).</summary>
internal static unsafe class NativeDataset
{
    /// <param name="reference">The training dataset when building a validation set, so that both share one bin mapper.</param>
    public static DatasetHandle Create(DataView rows, float[] labels, float[]? weights, string parameters, DatasetHandle? reference)
    {
        if (labels.Length != rows.Count) throw new ArgumentException($"{labels.Length} labels for {rows.Count} rows.", nameof(labels));
        if (weights is not null && weights.Length != rows.Count) throw new ArgumentException($"{weights.Length} weights for {rows.Count} rows.", nameof(weights));
        double[] values = rows.Indices is null ? rows.Source.X.Values : rows.ToMatrix().Values;
        bool addedRef = false;
        try
        {
            reference?.DangerousAddRef(ref addedRef);
            IntPtr created;
            int code;
            fixed (double* data = values)
                code = LightGbmApi.DatasetCreateFromMat(data, LightGbmApi.DTypeFloat64, rows.Count, rows.FeatureCount, 1, parameters,
                    reference?.DangerousGetHandle() ?? IntPtr.Zero, out created);
            var dataset = new DatasetHandle(created);
            try
            {
                LightGbm.Check(code, reference is null ? "build the training dataset" : "build the validation dataset");
                SetField(dataset, "label", labels);
                if (weights is not null) SetField(dataset, "weight", weights);
                return dataset;
            }
            catch
            {
                dataset.Dispose();
                throw;
            }
        }
        finally
        {
            if (addedRef) reference!.DangerousRelease();
        }
    }

    /// <summary>The raw score each row starts from (class-major for several trees per iteration); with it LightGBM does not compute its own (boost_from_average).</summary>
    public static void SetInitScores(DatasetHandle dataset, double[] scores)
    {
        fixed (double* data = scores)
            LightGbm.Check(LightGbmApi.DatasetSetField(dataset, "init_score", data, scores.Length, LightGbmApi.DTypeFloat64), "set the dataset's initial scores");
    }

    private static void SetField(DatasetHandle dataset, string field, float[] values)
    {
        fixed (float* data = values)
            LightGbm.Check(LightGbmApi.DatasetSetField(dataset, field, data, values.Length, LightGbmApi.DTypeFloat32), $"set the dataset's {field}s");
    }
}
