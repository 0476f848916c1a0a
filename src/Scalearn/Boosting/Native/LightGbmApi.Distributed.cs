using System.Runtime.InteropServices;

namespace Scalearn.Boosting.Native;

/// <summary>
/// The C API entries of LightGBM 4.7 for data-parallel training: its own TCP network (state kept per OS thread) and
/// datasets built from a bin mapper serialized elsewhere, filled row block by row block.
/// </summary>
internal static unsafe partial class LightGbmApi
{
    /// <param name="machines">"ip1:port1,ip2:port2,..." in rank order; the caller's own entry must be one of its addresses with <paramref name="localListenPort"/>.</param>
    /// <param name="listenTimeOutMinutes">Socket time-out of the links, in minutes.</param>
    [LibraryImport(Library, EntryPoint = "LGBM_NetworkInit", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int NetworkInit(string machines, int localListenPort, int listenTimeOutMinutes, int numMachines);

    [LibraryImport(Library, EntryPoint = "LGBM_NetworkFree")]
    public static partial int NetworkFree();

    [LibraryImport(Library, EntryPoint = "LGBM_DatasetSerializeReferenceToBinary")]
    public static partial int DatasetSerializeReferenceToBinary(DatasetHandle dataset, out IntPtr buffer, out int length);

    [LibraryImport(Library, EntryPoint = "LGBM_ByteBufferGetAt")]
    [SuppressGCTransition]
    public static partial int ByteBufferGetAt(IntPtr buffer, int index, out byte value);

    [LibraryImport(Library, EntryPoint = "LGBM_ByteBufferFree")]
    public static partial int ByteBufferFree(IntPtr buffer);

    [LibraryImport(Library, EntryPoint = "LGBM_DatasetCreateFromSerializedReference", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int DatasetCreateFromSerializedReference(byte* reference, int length, long rows, int initScoreClasses,
        string parameters, out IntPtr dataset);

    /// <summary>Bins rows [startRow, startRow + rows); the push that fills the last row finishes the dataset.</summary>
    [LibraryImport(Library, EntryPoint = "LGBM_DatasetPushRows")]
    public static partial int DatasetPushRows(DatasetHandle dataset, void* data, int dataType, int rows, int cols, int startRow);
}
