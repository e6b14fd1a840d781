using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Lnsgd.Shell.Cli;

namespace Lnsgd.Shell.Output;

/// <summary>
/// The advisory lock that makes one process at a time the writer of a folder (a run folder, or a
/// sweep folder's shard): the file <c>.lnsgd.lock</c> holding the holder's pid, with an exclusive
/// <c>flock</c> on it. The kernel drops a flock when its process dies, however it dies, so a lock
/// left by <c>kill -9</c> is stale by construction: the next process takes it over. A second
/// process gets one line naming the holder (exit 2). Released on dispose: the file is marked
/// released, removed, then unlocked — a process that opened it just before the removal sees the
/// mark and starts over, so two processes never both hold the lock.
/// </summary>
public sealed class FolderLock : IDisposable
{
    /// <summary>The lock file's name; every reader of a folder ignores it.</summary>
    public const string Name = ".lnsgd.lock";

    private const string Released = "released";
    private readonly string _path;
    private readonly int _fd;
    private readonly FileStream? _fallback;

    private FolderLock(string path, int fd, FileStream? fallback) => (_path, _fd, _fallback) = (path, fd, fallback);

    /// <summary>Takes the lock of <paramref name="dir"/> (created if missing), or throws a <see cref="UsageError"/> naming the holder.</summary>
    public static FolderLock Acquire(string dir, string name = Name)
    {
        try { Directory.CreateDirectory(dir); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        { throw new UsageError($"cannot create output folder '{dir}': {e.Message}"); }
        var path = Path.Combine(dir, name);
        if (!OperatingSystem.IsLinux()) return Fallback(dir, path);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var fd = Open(path, 0x2 | 0x40 | 0x80000 /* O_RDWR | O_CREAT | O_CLOEXEC */, 0x1A4 /* 0644 */);
            if (fd < 0) throw new UsageError($"cannot create the lock file '{path}': {Marshal.GetLastPInvokeErrorMessage()}");
            // EWOULDBLOCK (11) means another holder; any other failure (a file system without flock,
            // e.g. some NFS mounts) leaves the folder unlocked rather than unusable.
            if (Flock(fd, 2 | 4 /* LOCK_EX | LOCK_NB */) != 0 && Marshal.GetLastPInvokeError() == 11)
            {
                var holder = ReadAll(fd).Trim();
                Close(fd);
                throw Busy(dir, holder);
            }
            if (ReadAll(fd).Trim() == Released) { Close(fd); continue; }   // its holder removed it just now: open the new one
            var pid = Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture).PadRight(Released.Length) + "\n");
            if (Ftruncate(fd, 0) != 0 || Pwrite(fd, pid, pid.Length, 0) != pid.Length)
            {
                Close(fd);
                throw new UsageError($"cannot write the lock file '{path}': {Marshal.GetLastPInvokeErrorMessage()}");
            }
            return new FolderLock(path, fd, null);
        }
        throw new UsageError($"folder '{dir}' is being locked and released by other processes too fast to take it; try again");
    }

    /// <summary>Marks the file released, removes it, unlocks.</summary>
    public void Dispose()
    {
        if (_fallback is not null)
        {
            try { File.Delete(_path); } catch (IOException) { }
            _fallback.Dispose();
            return;
        }
        var mark = Encoding.ASCII.GetBytes(Released + "\n");
        _ = Ftruncate(_fd, 0);
        _ = Pwrite(_fd, mark, mark.Length, 0);
        try { File.Delete(_path); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        Close(_fd);
    }

    private static UsageError Busy(string dir, string holder) =>
        new($"folder '{dir}' is in use by another lnsgd process{(int.TryParse(holder, out var pid) ? $" (pid {pid})" : "")}; wait for it to end, or choose another --out");

    // Without flock by P/Invoke: .NET's own FileShare.None lock (also a flock on Unix, LockFileEx on Windows).
    private static FolderLock Fallback(string dir, string path)
    {
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            stream.Write(Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n"));
            stream.Flush();
            return new FolderLock(path, -1, stream);
        }
        catch (IOException) { throw Busy(dir, ""); }
    }

    private static string ReadAll(int fd)
    {
        var buffer = new byte[64];
        var n = Pread(fd, buffer, buffer.Length, 0);
        return n > 0 ? Encoding.ASCII.GetString(buffer, 0, (int)n) : "";
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static extern int Flock(int fd, int operation);

    [DllImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static extern nint Pread(int fd, byte[] buffer, nint count, long offset);

    [DllImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    private static extern nint Pwrite(int fd, byte[] buffer, nint count, long offset);

    [DllImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    private static extern int Ftruncate(int fd, long length);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
