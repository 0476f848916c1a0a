using System.Runtime.InteropServices;

namespace Scalearn.Boosting.Native;

/// <summary>Owns a LightGBM BoosterHandle; freed exactly once, also when the owner forgets to dispose it.</summary>
internal sealed class BoosterHandle : SafeHandle
{
    public BoosterHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public BoosterHandle(IntPtr handle) : this() => SetHandle(handle);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle() => LightGbmApi.BoosterFree(handle) == 0;
}
