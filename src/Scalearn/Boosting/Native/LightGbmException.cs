namespace Scalearn.Boosting.Native;

/// <summary>
/// LightGBM's native code refused an operation. <see cref="NativeMessage"/> is LightGBM's own text
/// (LGBM_GetLastError); the message says what Scalearn was doing when it failed.
/// </summary>
public sealed class LightGbmException : InvalidOperationException
{
    public LightGbmException(string operation, string nativeMessage)
        : base($"LightGBM failed to {operation}: {nativeMessage}")
    {
        Operation = operation;
        NativeMessage = nativeMessage;
    }

    public string Operation { get; }
    public string NativeMessage { get; }
}

/// <summary>The LightGBM native library could not be loaded on this machine; the message is one line saying why and what to do.</summary>
public sealed class LightGbmUnavailableException(string message, Exception? inner = null) : DllNotFoundException(message, inner);
