using Scalearn.Data;

namespace Scalearn.Boosting.Native;

/// <summary>Batch prediction through LGBM_BoosterPredictForMat, with the output buffer sized by LightGBM itself.</summary>
internal static unsafe class NativePrediction
{
    // Rows gathered per call when the view is a subset (a full view is passed without copying).
    private const int BlockRows = 16384;

    /// <summary>Predictions row by row, <paramref name="outputsPerRow"/> values per row.</summary>
    /// <param name="numIteration">Iterations to use; 0 or less means all.</param>
    public static double[] Predict(BoosterHandle booster, DataView x, int predictType, int numIteration, int outputsPerRow, int threads)
    {
        var result = new double[checked((long)x.Count * outputsPerRow)];
        if (x.Count == 0) return result;
        string parameters = $"num_threads={threads} verbosity=-1";
        if (x.Indices is null)
        {
            PredictBlock(booster, x.Source.X.Values, x.Count, x.FeatureCount, predictType, numIteration, parameters, result, 0, outputsPerRow);
            return result;
        }
        var buffer = new double[Math.Min(BlockRows, x.Count) * x.FeatureCount];
        for (int from = 0; from < x.Count; from += BlockRows)
        {
            int rows = Math.Min(BlockRows, x.Count - from);
            for (int i = 0; i < rows; i++) x.Row(from + i).CopyTo(buffer.AsSpan(i * x.FeatureCount, x.FeatureCount));
            PredictBlock(booster, buffer, rows, x.FeatureCount, predictType, numIteration, parameters, result, from * outputsPerRow, outputsPerRow);
        }
        return result;
    }

    private static void PredictBlock(BoosterHandle booster, double[] values, int rows, int cols, int predictType, int numIteration,
        string parameters, double[] result, int offset, int outputsPerRow)
    {
        LightGbm.Check(LightGbmApi.BoosterCalcNumPredict(booster, rows, predictType, 0, numIteration, out long expected), "size a prediction");
        if (expected != (long)rows * outputsPerRow)
            throw new InvalidOperationException($"LightGBM would write {expected} predictions for {rows} rows; expected {outputsPerRow} per row.");
        long written;
        int code;
        fixed (double* data = values)
        fixed (double* output = &result[offset])
            code = LightGbmApi.BoosterPredictForMat(booster, data, LightGbmApi.DTypeFloat64, rows, cols, 1, predictType, 0, numIteration,
                parameters, out written, output);
        LightGbm.Check(code, "predict");
        if (written != expected) throw new InvalidOperationException($"LightGBM wrote {written} predictions; expected {expected}.");
    }
}
