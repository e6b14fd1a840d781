using Lnsgd.Shell.Cli;

namespace Lnsgd.Shell.Output;

/// <summary>
/// Names that come from a file (a manifest's file list, later a sweep spec) rather than from the
/// command line: they must stay inside the folder the command line chose. Only plain relative
/// paths of '/'-separated non-empty segments pass; absolute paths, '..', '.', backslashes,
/// drive letters and control characters are refused with a one-line error.
/// </summary>
public static class SafePath
{
    /// <summary>The full path of <paramref name="relative"/> under <paramref name="root"/>, or a <see cref="UsageError"/> naming <paramref name="origin"/>.</summary>
    public static string Within(string root, string relative, string origin)
    {
        if (Problem(relative) is { } problem)
            throw new UsageError($"{origin}: '{Printable(relative)}' {problem}");
        var rootFull = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(rootFull, relative));
        // Belt and braces: the segment rules already imply this.
        if (!full.StartsWith(rootFull, StringComparison.Ordinal))
            throw new UsageError($"{origin}: '{Printable(relative)}' leaves the output folder");
        return full;
    }

    /// <summary>Why <paramref name="relative"/> is not a safe name, or null.</summary>
    public static string? Problem(string relative)
    {
        if (relative.Length == 0) return "is empty";
        if (relative.Length > 255) return "is longer than 255 characters";
        if (relative.Any(c => char.IsControl(c) || c is '\\' or ':')) return "contains a control character, '\\' or ':'";
        if (relative.StartsWith('/') || relative.StartsWith('~') || Path.IsPathRooted(relative)) return "is an absolute path";
        if (relative.Split('/').Any(s => s is "" or "." or "..")) return "has an empty, '.' or '..' segment and could leave the output folder";
        return null;
    }

    private static string Printable(string s) =>
        string.Concat(s.Take(80).Select(c => char.IsControl(c) ? '?' : c)) + (s.Length > 80 ? "..." : "");
}
