using System.Runtime.InteropServices;

namespace Lnsgd.Shell.Cli;

/// <summary>
/// A write the system could not complete — the disk or a quota is full, or the file exceeds the
/// process's size limit (<c>ulimit -f</c>) — is not bad input: it gets its own exit code,
/// <see cref="ExitCode"/>, so a script can tell "fix the command" (2) from "free some space" (4).
/// </summary>
public static class WriteFailure
{
    /// <summary>Exit code of a failed write.</summary>
    public const int ExitCode = 4;

    // errno values .NET puts in IOException.HResult on Unix: ENOSPC, EFBIG (past ulimit -f), EDQUOT
    // (on Windows: ERROR_DISK_FULL 0x70, ERROR_HANDLE_DISK_FULL 0x27).
    private const int NoSpace = 28, TooBig = 27, Quota = 122;

    /// <summary>Whether <paramref name="e"/> (or an exception inside it) says the disk, a quota or the file-size limit is exhausted.</summary>
    public static bool Is(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is IOException io && (OperatingSystem.IsWindows() ? (io.HResult & 0xFFFF) is 0x70 or 0x27 : io.HResult is NoSpace or TooBig or Quota))
                return true;
        return false;
    }

    /// <summary>
    /// Past <c>ulimit -f</c> the kernel sends SIGXFSZ, whose default action kills the process with
    /// no message; ignored, the write fails with EFBIG instead and ends as a one-line error, exit 4.
    /// </summary>
    public static void IgnoreFileSizeSignal()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        try { _ = Signal(25, 1); }   // SIGXFSZ = 25 on Linux and macOS; SIG_IGN = 1
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { }
    }

    [DllImport("libc", EntryPoint = "signal")]
    private static extern nint Signal(int signal, nint handler);
}
