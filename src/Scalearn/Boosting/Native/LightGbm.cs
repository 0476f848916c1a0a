using System.Runtime.InteropServices;

namespace Scalearn.Boosting.Native;

/// <summary>Checks the return code of a C API call and turns a failure into a <see cref="LightGbmException"/> carrying LightGBM's message.</summary>
internal static class LightGbm
{
    /// <summary>Throws when <paramref name="code"/> is not 0. Must run on the thread that made the call (the error text is thread-local).</summary>
    public static void Check(int code, string operation)
    {
        if (code == 0) return;
        string message = Marshal.PtrToStringUTF8(LightGbmApi.GetLastError())?.Trim() ?? "";
        throw new LightGbmException(operation, message.Length == 0 ? $"error code {code} without a message" : message);
    }
}
