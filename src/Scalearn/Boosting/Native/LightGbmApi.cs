using System.Runtime.InteropServices;

namespace Scalearn.Boosting.Native;

/// <summary>
/// P/Invoke declarations for the part of LightGBM 4.7's C API (include/LightGBM/c_api.h) that Scalearn uses. Every
/// function returns 0 on success and -1 on failure, with the message in a thread-local buffer read by
/// <see cref="GetLastError"/> on the same thread. Call these only through <see cref="LightGbm"/>, which checks that the
/// library loaded and turns failures into exceptions.
/// </summary>
internal static unsafe partial class LightGbmApi
{
    public const string Library = "lib_lightgbm";

    public const int DTypeFloat32 = 0;
    public const int DTypeFloat64 = 1;
    public const int PredictNormal = 0;
    public const int PredictRawScore = 1;
    public const int ImportanceSplit = 0;
    public const int ImportanceGain = 1;

    [LibraryImport(Library, EntryPoint = "LGBM_GetLastError")]
    public static partial IntPtr GetLastError();

    [LibraryImport(Library, EntryPoint = "LGBM_DatasetCreateFromMat", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int DatasetCreateFromMat(void* data, int dataType, int rows, int cols, int isRowMajor,
        string parameters, IntPtr reference, out IntPtr dataset);

    [LibraryImport(Library, EntryPoint = "LGBM_DatasetSetField", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int DatasetSetField(DatasetHandle dataset, string field, void* data, int count, int type);

    [LibraryImport(Library, EntryPoint = "LGBM_DatasetGetNumData")]
    public static partial int DatasetGetNumData(DatasetHandle dataset, out int rows);

    [LibraryImport(Library, EntryPoint = "LGBM_DatasetFree")]
    public static partial int DatasetFree(IntPtr dataset);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterCreate", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int BoosterCreate(DatasetHandle train, string parameters, out IntPtr booster);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterLoadModelFromString")]
    public static partial int BoosterLoadModelFromString(byte* modelText, out int iterations, out IntPtr booster);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterFree")]
    public static partial int BoosterFree(IntPtr booster);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterAddValidData")]
    public static partial int BoosterAddValidData(BoosterHandle booster, DatasetHandle valid);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterUpdateOneIter")]
    public static partial int BoosterUpdateOneIter(BoosterHandle booster, out int producedEmptyTree);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterRollbackOneIter")]
    public static partial int BoosterRollbackOneIter(BoosterHandle booster);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterGetCurrentIteration")]
    public static partial int BoosterGetCurrentIteration(BoosterHandle booster, out int iteration);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterGetNumClasses")]
    public static partial int BoosterGetNumClasses(BoosterHandle booster, out int classes);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterGetNumFeature")]
    public static partial int BoosterGetNumFeature(BoosterHandle booster, out int features);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterNumModelPerIteration")]
    public static partial int BoosterNumModelPerIteration(BoosterHandle booster, out int treesPerIteration);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterGetNumPredict")]
    public static partial int BoosterGetNumPredict(BoosterHandle booster, int dataIndex, out long length);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterGetPredict")]
    public static partial int BoosterGetPredict(BoosterHandle booster, int dataIndex, out long length, double* result);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterCalcNumPredict")]
    public static partial int BoosterCalcNumPredict(BoosterHandle booster, int rows, int predictType, int startIteration,
        int numIteration, out long length);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterPredictForMat", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int BoosterPredictForMat(BoosterHandle booster, void* data, int dataType, int rows, int cols,
        int isRowMajor, int predictType, int startIteration, int numIteration, string parameters, out long length, double* result);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterSaveModelToString")]
    public static partial int BoosterSaveModelToString(BoosterHandle booster, int startIteration, int numIteration,
        int importanceType, long bufferLength, out long length, byte* text);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterDumpModel")]
    public static partial int BoosterDumpModel(BoosterHandle booster, int startIteration, int numIteration,
        int importanceType, long bufferLength, out long length, byte* json);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterFeatureImportance")]
    public static partial int BoosterFeatureImportance(BoosterHandle booster, int numIteration, int importanceType, double* result);
}
