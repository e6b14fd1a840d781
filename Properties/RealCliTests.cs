using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Lnsgd.Core.Datasets;
using Lnsgd.Shell;
using Lnsgd.Shell.RealWorld;
using Xunit;

namespace Lnsgd.Properties;

/// <summary><c>lnsgd real</c> on missing, malformed and tiny datasets: one line and exit 2, or a complete folder.</summary>
public class RealCliTests
{
    /// <summary>Writes a tiny Fashion-MNIST look-alike (gzipped IDX, 28×28) into a new folder.</summary>
    internal static string TinyDataset(int train = 40, int test = 20, bool badLabel = false)
    {
        var dir = Path.Combine(Path.GetTempPath(), "lnsgd-data-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var random = new System.Random(5);
        foreach (var (prefix, count) in new[] { ("train", train), ("t10k", test) })
        {
            var pixels = new byte[count * 28 * 28];
            random.NextBytes(pixels);
            var labels = Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray();
            if (badLabel && prefix == "t10k") labels[^1] = 12;
            var set = new ImageSet(count, 28, 28, 1, ImmutableCollectionsMarshal.AsImmutableArray(pixels), ImmutableCollectionsMarshal.AsImmutableArray(labels), 10);
            var (images, labelBytes) = Idx.Encode(set);
            File.WriteAllBytes(Path.Combine(dir, $"{prefix}-images-idx3-ubyte.gz"), Gzip.Wrap(images));
            File.WriteAllBytes(Path.Combine(dir, $"{prefix}-labels-idx1-ubyte.gz"), Gzip.Wrap(labelBytes));
        }
        return dir;
    }

    internal static readonly string[] TinyFig3 =
        ["--set", "n_train=16", "--set", "n_test=8", "--set", "width=8", "--steps", "20", "--set", "record_every=10", "--set", "probe=4"];

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Program.Dispatch(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void A_missing_dataset_is_one_line_naming_the_fix_and_exit_2()
    {
        var empty = Path.Combine(Path.GetTempPath(), "lnsgd-empty-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(empty);
        var outDir = Path.Combine(empty, "out");
        var (code, stdout, stderr) = Run(["real", "fig3", "--data-dir", empty, "--out", outDir, "--quiet"]);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains("fashion-mnist not found", stderr);
        Assert.False(Directory.Exists(outDir));
        // At Debian's location the message names the install command.
        Assert.Contains("apt-get install dataset-fashion-mnist", DatasetFiles.MissingIn("fashion-mnist", empty, isDefault: true));
        Assert.Contains("--data-dir", DatasetFiles.Missing("cifar10", null));
    }

    [Fact]
    public void A_mislabelled_dataset_is_one_line_and_exit_2()
    {
        var data = TinyDataset(badLabel: true);
        var (code, _, stderr) = Run(["real", "fig3", "--data-dir", data, "--out", Path.Combine(data, "out"), "--quiet", .. TinyFig3]);
        Assert.Equal(2, code);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains("label 12", stderr);
    }

    [Theory]
    [InlineData("activation=sigmoid", "erf | relu | tanh | identity")]
    [InlineData("noise=1.5", "[0, 1]")]
    [InlineData("eta=0", "> 0")]
    [InlineData("width=0", ">= 1")]
    [InlineData("colour=red", "unknown key")]
    public void A_bad_key_is_one_line_and_exit_2(string pair, string expected)
    {
        var (code, _, stderr) = Run(["real", "fig3", "--set", pair, "--quiet", "--out", Path.Combine(Path.GetTempPath(), "lnsgd-x-" + Guid.NewGuid().ToString("N"))]);
        Assert.Equal(2, code);
        Assert.Contains(expected, stderr);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void A_tiny_fig3_and_fig1_on_a_written_dataset_run_end_to_end()
    {
        var data = TinyDataset();
        var out3 = Path.Combine(data, "fig3");
        var (code, _, stderr) = Run(["real", "fig3", "--data-dir", data, "--out", out3, "--quiet", "--no-plots", .. TinyFig3]);
        Assert.True(code == 0, stderr);
        foreach (var f in new[] { "clean/metrics.csv", "label-noise/metrics.csv", "linearised/metrics.csv", "linearised-label-noise/metrics.csv", "distances.csv", "summary.md", "manifest.json" })
            Assert.True(File.Exists(Path.Combine(out3, f)), f);
        var out1 = Path.Combine(data, "fig1");
        (code, _, stderr) = Run(["real", "fig1", "--data-dir", data, "--out", out1, "--quiet", "--no-plots", "--set", "width=8", "--set", "batch=8", "--epochs", "2", "--set", "prune=100,50,10"]);
        Assert.True(code == 0, stderr);
        var pruning = File.ReadAllLines(Path.Combine(out1, "pruning.csv"));
        Assert.Equal(1 + 4 * 3, pruning.Length);
        Assert.Equal(1 + 3, File.ReadAllLines(Path.Combine(out1, "sgd", "metrics.csv")).Length); // header, step 0, two epochs
    }
}
