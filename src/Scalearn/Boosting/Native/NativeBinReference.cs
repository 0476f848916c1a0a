namespace Scalearn.Boosting.Native;

/// <summary>
/// LightGBM's bin mappers as bytes (LGBM_DatasetSerializeReferenceToBinary): computed once from a sample of the whole
/// data and shipped to every rank, so that each rank bins its own rows with the same boundaries whatever rows it holds.
/// </summary>
internal static unsafe class NativeBinReference
{
    /// <summary>The bin mappers LightGBM computes from <paramref name="sample"/> (row-major) under <paramref name="parameters"/>.</summary>
    public static byte[] FromSample(double[] sample, int rows, int cols, string parameters)
    {
        LightGbmLibrary.EnsureLoaded();
        IntPtr created;
        int code;
        fixed (double* data = sample)
            code = LightGbmApi.DatasetCreateFromMat(data, LightGbmApi.DTypeFloat64, rows, cols, 1, parameters, IntPtr.Zero, out created);
        using var dataset = new DatasetHandle(created);
        LightGbm.Check(code, "compute the bins from the sample");
        return Serialize(dataset);
    }

    public static byte[] Serialize(DatasetHandle dataset)
    {
        LightGbm.Check(LightGbmApi.DatasetSerializeReferenceToBinary(dataset, out IntPtr buffer, out int length), "serialize the bins");
        try
        {
            var bytes = new byte[length];
            for (int i = 0; i < length; i++)
                LightGbm.Check(LightGbmApi.ByteBufferGetAt(buffer, i, out bytes[i]), "read the serialized bins");
            return bytes;
        }
        finally
        {
            LightGbmApi.ByteBufferFree(buffer);
        }
    }

    /// <summary>A training dataset of <paramref name="rows"/> rows (row-major) binned with <paramref name="reference"/>'s mappers.</summary>
    public static DatasetHandle Bin(byte[] reference, double[] values, int rows, int cols, float[] labels, string parameters)
    {
        if (labels.Length != rows) throw new ArgumentException($"{labels.Length} labels for {rows} rows.", nameof(labels));
        if (values.Length != (long)rows * cols) throw new ArgumentException($"{values.Length} values for {rows}x{cols}.", nameof(values));
        LightGbmLibrary.EnsureLoaded();
        IntPtr created;
        int code;
        fixed (byte* bins = reference)
            code = LightGbmApi.DatasetCreateFromSerializedReference(bins, reference.Length, rows, 0, parameters, out created);
        var dataset = new DatasetHandle(created);
        try
        {
            LightGbm.Check(code, "build a dataset from the shared bins");
            if (rows > 0)
                fixed (double* data = values)
                    LightGbm.Check(LightGbmApi.DatasetPushRows(dataset, data, LightGbmApi.DTypeFloat64, rows, cols, 0), "bin the rows");
            fixed (float* label = labels)
                LightGbm.Check(LightGbmApi.DatasetSetField(dataset, "label", label, labels.Length, LightGbmApi.DTypeFloat32), "set the dataset's labels");
            return dataset;
        }
        catch
        {
            dataset.Dispose();
            throw;
        }
    }
}
