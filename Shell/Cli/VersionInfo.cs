using System.Reflection;

namespace Lnsgd.Shell.Cli;

/// <summary>
/// The tool's version and the commit it was built from. The build embeds the commit as the
/// informational version's <c>+COMMIT</c> suffix (the SDK reads it from git; without git, a
/// <c>-p:SourceRevisionId=COMMIT</c> build property gives it, e.g. in the Dockerfile).
/// </summary>
public static class VersionInfo
{
    private static string Informational =>
        typeof(VersionInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The release version, e.g. <c>0.1.0</c>.</summary>
    public static string Version => Informational.Split('+')[0];

    /// <summary>The full commit hash, or null when the build did not know it.</summary>
    public static string? Commit => Informational.Split('+') is [_, var commit, ..] && commit.Length > 0 ? commit : null;

    /// <summary>What <c>lnsgd --version</c> prints: <c>lnsgd 0.1.0 (commit db4f601…, .NET 10.0.0)</c>.</summary>
    public static string Line =>
        $"lnsgd {Version} (commit {Commit ?? "unknown"}; {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription})";
}
