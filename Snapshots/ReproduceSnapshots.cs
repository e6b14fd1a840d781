using Lnsgd.Shell;
using Snapshooter.Xunit;
using Xunit;

namespace Lnsgd.Snapshots;

/// <summary>The shape of <c>lnsgd reproduce --quick --seeds 2</c>: the report's headings and table columns, and the files made.</summary>
public class ReproduceSnapshots
{
    [Fact]
    public void Reproduce_quick_report_structure_and_files()
    {
        var dir = Path.Combine(RepoPaths.TempDir(), "repro");
        var stderr = new StringWriter();
        var code = Program.Dispatch(["reproduce", "--quick", "--seeds", "2", "--out", dir, "--quiet"], new StringWriter(), stderr);
        Assert.True(code == 0, stderr.ToString());
        var report = File.ReadAllLines(Path.Combine(dir, "report.md"));
        Snapshot.Match(new
        {
            headings = report.Where(l => l.StartsWith('#')),
            tableHeader = report.Where(l => l.StartsWith("| experiment", StringComparison.Ordinal)),
            tableRows = report.Count(l => l.StartsWith("| ", StringComparison.Ordinal)) - 1,
            figures = report.Where(l => l.StartsWith("![", StringComparison.Ordinal)),
            gallery = File.ReadAllLines(Path.Combine(dir, "gallery.md")).Where(l => l.StartsWith('#') || l.StartsWith("![", StringComparison.Ordinal)),
            files = Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/')).Order(StringComparer.Ordinal),
        });
        Directory.Delete(dir, recursive: true);
    }
}
