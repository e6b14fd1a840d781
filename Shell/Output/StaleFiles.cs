using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Lnsgd.Shell.Output;

/// <summary>
/// Leftovers of a process killed while writing: <see cref="AtomicFile"/>'s temporaries are named
/// <c>NAME.tmp-PID</c> and are never visible under NAME. The next command that takes over the
/// folder (<c>resume</c>, <c>run --force</c>) removes those whose process is gone. Only names
/// of the tool's own pattern are touched — a lowercase stem, one of the extensions it writes,
/// <c>.tmp-PID</c> — so a user's <c>notes.tmp-99999</c> in the folder survives.
/// </summary>
public static partial class StaleFiles
{
    [GeneratedRegex(@"^[a-z][a-z0-9_]*\.(json|jsonl|csv|npz|png|svg|txt)\.tmp-(\d{1,9})$")]
    private static partial Regex Temporary();

    /// <summary>Deletes the temporaries in <paramref name="dir"/> left by processes that no longer run; returns their names.</summary>
    public static IReadOnlyList<string> RemoveTemporaries(string dir)
    {
        if (!Directory.Exists(dir)) return [];
        var removed = new List<string>();
        foreach (var path in Directory.EnumerateFiles(dir))
        {
            var match = Temporary().Match(Path.GetFileName(path));
            if (!match.Success || IsRunning(int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))) continue;
            File.Delete(path);
            removed.Add(Path.GetFileName(path));
        }
        return removed;
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId) return false;   // ours are never left between commands
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException) { return false; }
    }
}
