using System.Runtime.InteropServices;

namespace Scalearn.Boosting.Native;

/// <summary>
/// Loads lib_lightgbm once and remembers why it failed, so that every boosting entry point can report a machine
/// without a usable LightGBM in one clear line instead of a DllNotFoundException or EntryPointNotFoundException from
/// deep inside a fit. The library ships in the LightGBM NuGet package (runtimes/&lt;rid&gt;/native) and needs libgomp.
/// </summary>
internal static class LightGbmLibrary
{
    // A symbol new in LightGBM 4.x: an older library on the search path is refused up front.
    private const string VersionProbeSymbol = "LGBM_GetMaxThreads";

    private static readonly Lazy<string?> Failure = new(() => Probe(LightGbmApi.Library));
    private static string? _simulatedName;

    /// <summary>Throws <see cref="LightGbmUnavailableException"/> when the native library is not usable.</summary>
    public static void EnsureLoaded()
    {
        string? failure = Volatile.Read(ref _simulatedName) is { } name ? Probe(name) : Failure.Value;
        if (failure is not null) throw new LightGbmUnavailableException(failure);
    }

    /// <summary>Tries to load <paramref name="libraryName"/> the way the P/Invoke calls will; null when it works, else the one-line reason.</summary>
    internal static string? Probe(string libraryName)
    {
        IntPtr handle;
        try
        {
            if (!NativeLibrary.TryLoad(libraryName, typeof(LightGbmLibrary).Assembly, DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories, out handle)
                && !NativeLibrary.TryLoad(libraryName, out handle))
                return Describe(libraryName, "it was not found next to the application or in the runtimes/" + RuntimeInformation.RuntimeIdentifier
                    + "/native folder, or one of its dependencies (libgomp.so.1, libstdc++) is missing");
        }
        catch (Exception e) when (e is BadImageFormatException or DllNotFoundException)
        {
            return Describe(libraryName, e.Message.ReplaceLineEndings(" "));
        }
        if (!NativeLibrary.TryGetExport(handle, VersionProbeSymbol, out _))
            return Describe(libraryName, $"it lacks {VersionProbeSymbol}, so it is older than LightGBM 4");
        return null;
    }

    /// <summary>Test hook: until the scope is disposed, <see cref="EnsureLoaded"/> probes <paramref name="libraryName"/> instead.</summary>
    internal static IDisposable SimulateLibrary(string libraryName)
    {
        Volatile.Write(ref _simulatedName, libraryName);
        return new Restore();
    }

    private static string Describe(string name, string reason) =>
        $"LightGBM's native library ({name}) could not be loaded on this machine ({RuntimeInformation.RuntimeIdentifier}): {reason}. "
        + "Gradient boosting estimators need it: it ships in the LightGBM 4.7.0 NuGet package, and on Linux needs libgomp1.";

    private sealed class Restore : IDisposable
    {
        public void Dispose() => Volatile.Write(ref _simulatedName, null);
    }
}
