using Lnsgd.Shell;
using Lnsgd.Shell.Commands;
using Snapshooter.Xunit;
using Xunit;

namespace Lnsgd.Snapshots;

/// <summary>Stable outputs of the program: the run folder layout, the manifest, listings and help.</summary>
public class ShellSnapshots
{
    [Fact]
    public void Run_folder_files_and_manifest()
    {
        var dir = Path.Combine(RepoPaths.TempDir(), "run");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Program.Dispatch(["run", "fig2", "--set", "m=50", "--steps", "200", "--record-every", "50", "--out", dir, "--quiet"], stdout, stderr);
        Assert.Equal(0, code);
        Assert.Equal("", stdout.ToString() + stderr.ToString());
        Snapshot.Match(new
        {
            files = Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal),
            manifest = File.ReadAllText(Path.Combine(dir, "manifest.json")),
            metricsHead = File.ReadLines(Path.Combine(dir, "metrics.csv")).Take(2),
        });
    }

    [Fact]
    public void Presets_listing() => Snapshot.Match(PresetsCommand.Text());

    [Fact]
    public void Run_help() => Snapshot.Match(HelpText.Run());
}
