using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Lnsgd.Shell.Commands;

/// <summary>
/// CPU seconds of the calling thread, for benchmarks on shared machines: where other jobs take
/// time slices the wall clock of a run grows, its thread's CPU time does not. Linux's
/// clock_gettime(CLOCK_THREAD_CPUTIME_ID) (nanoseconds); elsewhere the process's CPU time.
/// </summary>
internal static class ThreadCpu
{
    private const int ThreadCpuTimeClock = 3;   // CLOCK_THREAD_CPUTIME_ID on Linux

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>The calling thread's CPU time in seconds (the process's where the thread clock is unavailable).</summary>
    public static double Seconds()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ThreadCpuTimeClock, out var t) == 0) return t.Seconds + t.Nanoseconds * 1e-9;
        return Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
    }
}
