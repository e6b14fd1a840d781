using Lnsgd.Core.Engines;
using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using Lnsgd.Core.Simulations;
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
        var written = RunFigures.Write(_dir, trajectory, RunFigures.Caption(Tiny, preset: null), Tiny.TraceNeuron, Tiny);

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

    /// <summary>
    /// The phases figure over three seeds: both panels' titles and axis labels, one legend
    /// entry per line (mean |cos| and min |cos| of one setting, the chance level), the band
    /// note, and the phase markers the runs reached.
    /// </summary>
    [Fact]
    public void PhasesOverSeedsWithBandsAndMarkers()
    {
        var config = Tiny with { Steps = 4000, RecordEvery = 20, Eta = 5e-3 };
        LabelledSeeds[] runs = [new("label noise", [.. Enumerable.Range(0, 3).Select(s => Simulation.Collect(RunSpec.Resolve(config with { Seed = (ulong)s })))])];
        var markers = PhaseMarkers.Of(runs[0].Seeds).Select(m => m.Text).ToArray();
        var written = RunFigures.Save(_dir, "phases", 2 * RunFigures.Height, [.. Figures.Phases(runs, config.D, "three seeds")]);

        Assert.NotEmpty(markers);
        Snapshot.Match(new { markers, svgs = Svgs(_dir, written) });
    }

    /// <summary>
    /// A clean run's losses fall far below the noisy level: the loss panel clips them at a
    /// floor six decades below the top and says so; a theory curve is drawn as "prediction".
    /// </summary>
    [Fact]
    public void LossFloorNoteAndTheoryOverlay()
    {
        var clean = Tiny with { Sigma = 0, Steps = 20_000, RecordEvery = 500 };
        var run = Simulation.Collect(RunSpec.Resolve(clean));
        TheoryCurve[] theory = [new("train_loss", [0, 10_000, 20_000], [1, 1e-2, 1e-4])];
        var written = RunFigures.Save(_dir, "losses", RunFigures.Height, Figures.Losses([new LabelledSeeds("clean", [run])], "clean", theory: theory));

        Snapshot.Match(new { svgs = Svgs(_dir, written) });
    }

    /// <summary>A diverged run's figures mark the divergence step and say that nothing was recorded after it.</summary>
    [Fact]
    public void DivergedRunIsMarkedWithANote()
    {
        var run = Simulation.Collect(RunSpec.Resolve(Tiny with { Eta = 2.0 }));
        Assert.NotNull(run.Divergence);
        var written = RunFigures.Save(_dir, "phases", 2 * RunFigures.Height, [.. Figures.Phases([new LabelledSeeds("run", [run])], Tiny.D)]);

        Snapshot.Match(new { step = run.Divergence!.Step, svgs = Svgs(_dir, written) });
    }

    /// <summary>
    /// <c>lnsgd run --seeds 3</c>: one folder per seed as a single run writes it, and the
    /// aggregate folder with bands, phase steps with intervals, figures and summary.
    /// </summary>
    [Fact]
    public void RunOverSeedsWritesEverySeedAndTheAggregate()
    {
        var stderr = new StringWriter();
        var code = Program.Dispatch(["run", "--set", "m=50", "--set", "eta=0.005", "--steps", "4000", "--record-every", "20", "--seeds", "3", "--out", _dir, "--quiet"], TextWriter.Null, stderr);

        Assert.True(code == 0, stderr.ToString());
        var aggregate = Path.Combine(_dir, "run-seeds0-2");
        Snapshot.Match(new
        {
            folders = Directory.GetDirectories(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal),
            seedFolder = Listing(Path.Combine(_dir, "run-seed1")),
            aggregate = Listing(aggregate),
            bandsHeader = File.ReadLines(Path.Combine(aggregate, "bands.csv")).First(),
            phases = File.ReadAllLines(Path.Combine(aggregate, "phases.csv")),
            summary = File.ReadAllLines(Path.Combine(aggregate, "summary.md")),
            svgs = Svgs(aggregate, ["losses.svg", "phases.svg"]),
        });
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
    // entries, markers, notes) are what a reader needs. Numeric tick labels (2.5k and 1M
    // included) are left out: their number and spacing follow the layout.
    private static object Describe(string dir, string file)
    {
        var svg = XDocument.Load(Path.Combine(dir, file)).Root!;
        var words = svg.Descendants(svg.Name.Namespace + "text")
            .Select(t => t.Value.Trim())
            .Where(t => t.Any(char.IsLetter) && !double.TryParse(t.Replace(",", "").TrimEnd('k', 'M'), NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToArray();
        return new { file, root = svg.Name.LocalName, width = (string?)svg.Attribute("width"), height = (string?)svg.Attribute("height"), words };
    }
}
