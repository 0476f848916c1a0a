using System.Runtime.InteropServices;

namespace Scalearn.Boosting.Native;

/// <summary>Owns a LightGBM DatasetHandle; freed exactly once, also when the owner forgets to dispose it.</summary>
internal sealed class DatasetHandle : SafeHandle
{
    public DatasetHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public DatasetHandle(IntPtr handle) : this() => SetHandle(handle);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle() => LightGbmApi.DatasetFree(handle) == 0;
}
