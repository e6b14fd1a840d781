using Lnsgd.Shell;
using Lnsgd.Shell.Commands;
using Snapshooter.Xunit;
using Xunit;

namespace Lnsgd.Snapshots;

/// <summary>Stable outputs of <c>lnsgd real</c>: help, the preset listing, and a tiny run's folder and summary layout.</summary>
public class RealSnapshots
{
    [Fact]
    public void Real_help() => Snapshot.Match(RealCommand.Help());

    [Fact]
    public void Real_presets_listing() => Snapshot.Match(RealCommand.List());

    [Fact]
    public void Real_fig3_folder_and_summary_layout()
    {
        var data = TinyData.Write();
        var dir = Path.Combine(data, "out");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Program.Dispatch(["real", "fig3", "--data-dir", data, "--out", dir, "--quiet",
            "--set", "n_train=16", "--set", "n_test=8", "--set", "width=8", "--steps", "20", "--set", "record_every=10", "--set", "probe=4"], stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        var summary = File.ReadAllLines(Path.Combine(dir, "summary.md"));
        Snapshot.Match(new
        {
            files = Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/')).Order(StringComparer.Ordinal),
            headings = summary.Where(l => l.StartsWith('#') || l.StartsWith("| run", StringComparison.Ordinal) || l.StartsWith("![", StringComparison.Ordinal)),
            rows = summary.Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| run", StringComparison.Ordinal)).Select(l => l.Split('|')[1].Trim()),
            metricsHeader = File.ReadLines(Path.Combine(dir, "clean", "metrics.csv")).First(),
        });
    }
}

/// <summary>A tiny IDX dataset in Fashion-MNIST's file layout, written to a new temporary folder.</summary>
internal static class TinyData
{
    public static string Write()
    {
        var dir = RepoPaths.TempDir();
        var random = new System.Random(11);
        foreach (var (prefix, count) in new[] { ("train", 24), ("t10k", 12) })
        {
            var pixels = new byte[count * 28 * 28];
            random.NextBytes(pixels);
            var labels = Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray();
            File.WriteAllBytes(Path.Combine(dir, $"{prefix}-images-idx3-ubyte"), Idx([0, 0, 8, 3, .. BigEndian(count), .. BigEndian(28), .. BigEndian(28)], pixels));
            File.WriteAllBytes(Path.Combine(dir, $"{prefix}-labels-idx1-ubyte"), Idx([0, 0, 8, 1, .. BigEndian(count)], labels));
        }
        return dir;
    }

    private static byte[] BigEndian(int v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];

    private static byte[] Idx(byte[] header, byte[] values) => [.. header, .. values];
}
