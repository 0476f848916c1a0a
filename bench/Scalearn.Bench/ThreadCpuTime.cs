using System.Runtime.InteropServices;

namespace Scalearn.Bench;

/// <summary>
/// CPU time used by the calling thread (Linux clock_gettime(CLOCK_THREAD_CPUTIME_ID)); NaN elsewhere. On a shared,
/// loaded machine it measures the work itself where wall-clock time also counts the waits for a core.
/// </summary>
public static class ThreadCpuTime
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec time);

    /// <summary>Milliseconds of CPU this thread has used so far.</summary>
    public static double Milliseconds()
    {
        if (!OperatingSystem.IsLinux() || ClockGetTime(ClockThreadCpuTimeId, out var t) != 0) return double.NaN;
        return t.Seconds * 1e3 + t.Nanoseconds / 1e6;
    }
}
