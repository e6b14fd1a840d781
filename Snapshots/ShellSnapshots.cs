using System.Diagnostics;
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

    [Fact]
    public async Task The_embedding_example_builds_against_core_alone_and_runs()
    {
        var project = Path.Combine(RepoPaths.Root, "examples", "Embedding", "Embedding.csproj");
        var start = new ProcessStartInfo("dotnet", ["run", "--project", project, "-c", "Release"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await stderr + await stdout);
        Snapshot.Match(await stdout);
    }
}
