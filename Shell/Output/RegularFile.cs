using System.Runtime.InteropServices;
using System.Text;
using Lnsgd.Shell.Cli;

namespace Lnsgd.Shell.Output;

/// <summary>
/// Reads a file the user or a folder supplies, refusing what would take the command down: a
/// device (<c>manifest.json</c> symlinked to <c>/dev/zero</c> would fill memory), a FIFO (would
/// block forever), a folder, or a file larger than the reader's cap. Symlinks to regular files
/// are followed. Every refusal is one <see cref="UsageError"/> line naming the file.
/// </summary>
public static class RegularFile
{
    /// <summary>Cap for text a person writes (config files, sweep specs): 1 MiB.</summary>
    public const long TextCap = 1L << 20;
    /// <summary>Cap for a manifest: 64 MiB (a real one is a few kB).</summary>
    public const long ManifestCap = 64L << 20;
    /// <summary>Cap for array and table files: the largest array .NET allocates.</summary>
    public static long DataCap => Array.MaxLength;

    /// <summary>The bytes of <paramref name="path"/>; <paramref name="what"/> names it in errors ("config file", "manifest").</summary>
    public static byte[] ReadBytes(string path, long cap, string what)
    {
        if (Directory.Exists(path)) throw new UsageError($"{what} '{path}' is a folder, not a file");
        if (!File.Exists(path)) throw new UsageError($"{what} '{path}' not found");
        var (regular, size) = Kind(path);
        if (!regular) throw new UsageError($"{what} '{path}' is not a regular file (a device, pipe or socket); refusing to read it");
        if (size > cap) throw new UsageError($"{what} '{path}' is {size} bytes, more than the {cap} bytes allowed for it");
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            // Read at most cap + 1 bytes: a file that grows while it is read is still bounded.
            using var buffer = new MemoryStream((int)Math.Min(size, cap));
            var chunk = new byte[81920];
            for (int got; (got = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, cap + 1 - buffer.Length))) > 0;)
            {
                buffer.Write(chunk, 0, got);
                if (buffer.Length > cap) throw new UsageError($"{what} '{path}' is more than the {cap} bytes allowed for it");
            }
            return buffer.ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && !WriteFailure.Is(e))
        { throw new UsageError($"cannot read {what} '{path}': {e.Message}"); }
    }

    /// <summary>The UTF-8 text of <paramref name="path"/> (a byte-order mark is dropped).</summary>
    public static string ReadText(string path, long cap, string what)
    {
        var bytes = ReadBytes(path, cap, what);
        return new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF');
    }

    /// <summary>Whether the file (symlinks followed) is a regular file, and its size.</summary>
    private static (bool Regular, long Size) Kind(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            // statx's buffer has one layout on every Linux architecture (unlike struct stat).
            var buffer = new byte[256];
            try
            {
                if (Statx(-100 /* AT_FDCWD */, path, 0, 0x1 | 0x200 /* STATX_TYPE | STATX_SIZE */, buffer) == 0)
                {
                    var mode = BitConverter.ToUInt16(buffer, 28);
                    return ((mode & 0xF000) == 0x8000, (long)BitConverter.ToUInt64(buffer, 40));
                }
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { }
        }
        // Elsewhere: devices live under /dev; a FIFO cannot be told apart without stat.
        var full = Path.GetFullPath(new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path);
        return (!full.StartsWith("/dev/", StringComparison.Ordinal), new FileInfo(full).Length);
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
}
