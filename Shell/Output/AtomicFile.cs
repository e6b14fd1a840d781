using System.Text;

namespace Lnsgd.Shell.Output;

/// <summary>
/// Writes a file under a temporary name in the same folder, then renames it, so a reader (or
/// an interrupted run) never sees a half-written file under its final name.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="write"/>'s output to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var temporary = $"{path}.tmp-{Environment.ProcessId}";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        // .NET reports EFBIG (past ulimit -f, SIGXFSZ being ignored) as an argument error; it is a write failure (exit 4).
        catch (ArgumentOutOfRangeException e)
        {
            throw new IOException($"cannot write '{path}': the file exceeds the file-size limit (ulimit -f): {e.Message}", 27);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>Writes UTF-8 text (no byte-order mark, \n line ends as given) atomically.</summary>
    public static void WriteText(string path, string text) =>
        Write(path, s => s.Write(new UTF8Encoding(false).GetBytes(text)));
}
