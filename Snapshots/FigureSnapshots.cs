using Lnsgd.Core.Engines;
using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using Lnsgd.Core.Simulation;
using Lnsgd.Shell;
using Lnsgd.Shell.Plots;
using Snapshooter.Xunit;
using Xunit;

namespace Lnsgd.Snapshots;

/// <summary>
/// The figure files of a tiny fixed run: their names and, for the SVGs, what a reader sees as
/// text. Pixels are not compared: they depend on the installed fonts.
/// </summary>
public sealed class FigureSnapshots : IDisposable
{
    private static readonly RunConfig Tiny = new() { M = 50, Steps = 200, RecordEvery = 10 };
    private readonly string _dir = Directory.CreateTempSubdirectory("lnsgd-figures-").FullName;

    /// <summary>Removes the temporary folder.</summary>
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The standard figure set: files written, and each SVG's size and texts.</summary>
    [Fact]
    public void StandardFigureSetOfATinyRun()
    {
        var trajectory = Simulation.Collect(RunSpec.Resolve(Tiny), Engine.Dense);
        var written = RunFigures.Write(_dir, trajectory, RunFigures.Caption(Tiny, preset: null), Tiny.TraceNeuron);

        Assert.Equal(RunFigures.FileNames, written);
        Snapshot.Match(new { written, onDisk = Listing(_dir), svgs = Svgs(_dir, written) });
    }

    /// <summary>The comparison figure: one PNG and one SVG with both runs in its legend.</summary>
    [Fact]
    public void ComparisonOfTwoLabelledRuns()
    {
        LabelledRun[] runs =
        [
            new("label noise", Simulation.Collect(RunSpec.Resolve(Tiny), Engine.Dense)),
            new("clean", Simulation.Collect(RunSpec.Resolve(Tiny with { Sigma = 0 }), Engine.Dense)),
        ];
        var written = RunFigures.WriteComparison(_dir, "comparison", runs, caption: "tiny runs");

        Snapshot.Match(new { written, onDisk = Listing(_dir), svgs = Svgs(_dir, written) });
    }

    /// <summary><c>lnsgd run</c> writes the figures by default and lists them in the manifest.</summary>
    [Fact]
    public void RunWritesFiguresAndListsThemInTheManifest()
    {
        var code = Program.Dispatch(["run", "--set", "m=50", "--steps", "200", "--record-every", "10", "--out", _dir, "--quiet"], TextWriter.Null, TextWriter.Null);

        Assert.Equal(0, code);
        Snapshot.Match(new { onDisk = Listing(_dir), manifestFiles = ManifestFiles(_dir) });
    }

    /// <summary><c>lnsgd run --no-plots</c> writes the data files and manifest only.</summary>
    [Fact]
    public void RunWithNoPlotsWritesNoFigures()
    {
        var code = Program.Dispatch(["run", "--set", "m=50", "--steps", "200", "--record-every", "10", "--out", _dir, "--quiet", "--no-plots"], TextWriter.Null, TextWriter.Null);

        Assert.Equal(0, code);
        Snapshot.Match(new { onDisk = Listing(_dir), manifestFiles = ManifestFiles(_dir) });
    }

    private static string[] Listing(string dir) =>
        [.. Directory.EnumerateFiles(dir).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    private static string[] ManifestFiles(string dir) =>
        [.. JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json"))).RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetString()!)];

    private static object[] Svgs(string dir, IEnumerable<string> files) =>
        [.. files.Where(f => f.EndsWith(".svg", StringComparison.Ordinal)).Select(f => Describe(dir, f))];

    // Parsing proves the SVG is well-formed XML; the words (titles, axis labels, legend
    // entries) are what a reader needs. Numeric tick labels are left out: their number and
    // spacing follow the font metrics of the machine.
    private static object Describe(string dir, string file)
    {
        var svg = XDocument.Load(Path.Combine(dir, file)).Root!;
        var words = svg.Descendants(svg.Name.Namespace + "text")
            .Select(t => t.Value.Trim())
            .Where(t => t.Any(char.IsLetter) && !double.TryParse(t.Replace(",", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToArray();
        return new { file, root = svg.Name.LocalName, width = (string?)svg.Attribute("width"), height = (string?)svg.Attribute("height"), words };
    }
}
