using FsCheck.Xunit;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Output;
using Xunit;

namespace Lnsgd.Properties.Reliability;

/// <summary>A name from a file either lands inside the chosen folder or is refused with a one-line usage error.</summary>
public class SafePathProperties
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "lnsgd-root");

    [Property(MaxTest = 500)]
    public bool Any_name_stays_inside_the_folder_or_is_refused(string name)
    {
        if (name is null) return true;
        try
        {
            var full = SafePath.Within(Root, name, "test");
            return full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !name.Split('/').Contains("..");
        }
        catch (UsageError e) { return !e.Message.Contains('\n'); }
    }

    [Property(MaxTest = 300)]
    public bool Names_built_from_dangerous_segments_never_escape(byte[] picks)
    {
        string[] segments = ["..", ".", "", "a", "b.csv", "/", "~", "C:", "a\\..", "\0", "..\\..", "%2e%2e"];
        var name = string.Join("/", (picks ?? []).Take(6).Select(p => segments[p % segments.Length]));
        try
        {
            var full = Path.GetFullPath(SafePath.Within(Root, name, "test"));
            return full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        }
        catch (UsageError) { return true; }
    }

    [Theory]
    [InlineData("../escape.csv")]
    [InlineData("a/../../escape.csv")]
    [InlineData("/etc/passwd")]
    [InlineData("~/x")]
    [InlineData("C:\\x")]
    [InlineData("a/./b")]
    [InlineData("a//b")]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("figs\\..\\..\\x")]
    public void Escaping_names_are_refused(string name) => Assert.Throws<UsageError>(() => SafePath.Within(Root, name, "test"));

    [Theory]
    [InlineData("metrics.csv")]
    [InlineData("figures/losses.png")]
    [InlineData("..hidden")]
    public void Plain_names_are_accepted(string name) => Assert.StartsWith(Root, SafePath.Within(Root, name, "test"));
}
