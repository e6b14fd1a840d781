using System.Globalization;
using System.Xml.Linq;
using Lnsgd.Core.Sweeps;
using Lnsgd.Shell.Output;
using Lnsgd.Shell.Plots;
using Lnsgd.Shell.Sweeps;
using Snapshooter.Xunit;
using Xunit;

namespace Lnsgd.Snapshots;

/// <summary>
/// The stable outputs of sweeps: the collected table's header (and each column's Parquet type),
/// and a phase diagram's files, SVG size and words, and cells.
/// </summary>
public sealed class SweepSnapshots : IDisposable
{
    private readonly string _dir = RepoPaths.TempDir();

    /// <summary>Removes the temporary folder.</summary>
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Collected_csv_header_and_column_types() =>
        Snapshot.Match(new
        {
            header = TableCsv.Write(SweepTable.Build([])).TrimEnd('\n'),
            types = SweepTable.Schema.Select(c => $"{c.Name}: {c.Kind}"),
        });

    [Fact]
    public void Phase_diagram_of_the_escape_step_with_the_theory_panel()
    {
        const string spec = "n = 50\nn_test = 10\nd = 5\nm = 20\nsteps = 2000\nrecord_every = 25\nsigma = [2, 8]\neta = [0.005, 0.01, 0.02]\nseeds = 2\n";
        var runs = SweepExpansion.Expand(SweepSpecReader.Parse(spec, "spec")).ValueOrThrow();
        var results = SweepExecutor.Execute(runs, Path.Combine(_dir, "runs"), new(2, false, null));
        Assert.All(results, r => Assert.IsType<RunResult.Ran>(r));
        var table = SweepCollector.Collect(Path.Combine(_dir, "runs")).Table;
        var (grid, error) = PhaseGrid.Of(table, "sigma", "eta", "escape_step", []);
        Assert.Null(error);
        var theory = PhaseGrid.Of(table, "sigma", "eta", PhaseGrid.TheoryColumnOf("escape_step", "sigma", "eta")!, []).ValueOrThrow();

        var written = PhaseDiagram.Write(_dir, grid!, theory, caption: "fixed: n=50, d=5, m=20");

        Snapshot.Match(new
        {
            written,
            svg = Describe(Path.Combine(_dir, written.Single(f => f.EndsWith(".svg", StringComparison.Ordinal)))),
            cells = File.ReadAllText(Path.Combine(_dir, written.Single(f => f.EndsWith(".csv", StringComparison.Ordinal)))).Split('\n'),
        });
    }

    [Fact]
    public void Sweep_and_collect_help() =>
        Snapshot.Match(new { sweep = Lnsgd.Shell.Commands.HelpText.Sweep().Split('\n'), collect = Lnsgd.Shell.Commands.HelpText.Collect().Split('\n') });

    /// <summary>The README's example sweep: its 60 runs in order, with their ids (which must stay stable across versions).</summary>
    [Fact]
    public void The_README_example_sweep_expands_to_these_runs()
    {
        var spec = SweepSpecReader.Read(Path.Combine(RepoPaths.Root, "examples", "sweeps", "sigma-eta.toml"));
        var (runs, error) = SweepExpansion.Expand(spec);
        Assert.Null(error);
        Assert.Equal(60, runs.Length);
        Snapshot.Match(runs.Select(r => $"{r.Id}  {r.Label}"));
    }

    // As in FigureSnapshots: the words a reader sees; numbers are left out (their tick spacing
    // follows the machine's font metrics, and the cells are compared through the CSV).
    private static object Describe(string path)
    {
        var svg = XDocument.Load(path).Root!;
        var words = svg.Descendants(svg.Name.Namespace + "text")
            .Select(t => t.Value.Trim())
            .Where(t => t.Any(char.IsLetter) && !double.TryParse(t.Replace(",", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToArray();
        return new { root = svg.Name.LocalName, width = (string?)svg.Attribute("width"), height = (string?)svg.Attribute("height"), words };
    }
}
