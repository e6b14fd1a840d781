using Lnsgd.Core.Simulations;
using Lnsgd.Core.Sweeps;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Config;
using Lnsgd.Shell.Output;
using Lnsgd.Shell.Plots;
using Lnsgd.Shell.Sweeps;

namespace Lnsgd.Shell.Commands;

/// <summary>
/// <c>lnsgd collect DIR</c>: read every complete run folder under DIR into one table (CSV and
/// Parquet) and draw phase diagrams of chosen summaries over two swept keys. Exit 0 when the
/// files are written, 2 on bad input.
/// </summary>
public static partial class CollectCommand
{
    /// <summary>The summaries drawn when no <c>--value</c> is given.</summary>
    public static IReadOnlyList<string> DefaultValues { get; } = ["escape_step", "final_mean_cos"];

    private static readonly HashSet<string> ValueOptions = ["--out", "--x", "--y", "--value", "--where"];
    private static readonly HashSet<string> FlagOptions = ["--no-plots", "--quiet", "--help", "--json"];

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Execute(IReadOnlyList<string> args, TextWriter stdout)
    {
        var parsed = Arguments.Parse(args, ValueOptions, FlagOptions);
        if (parsed.Has("--help")) { stdout.Write(HelpText.Collect()); return 0; }
        if (parsed.Positionals.Count != 1) throw new UsageError($"collect takes one folder, got: {(parsed.Positionals.Count == 0 ? "none" : string.Join(' ', parsed.Positionals))}");
        var dir = parsed.Positionals[0];
        if (!Directory.Exists(dir)) throw new UsageError($"'{dir}' is not a folder");
        var csvPath = parsed.Last("--out") ?? Path.Combine(dir, "sweep.csv");
        if (Directory.Exists(csvPath)) throw new UsageError($"--out '{csvPath}' is a folder; give a file name such as {Path.Combine(csvPath, "sweep.csv")}");
        var parquetPath = Path.ChangeExtension(csvPath, ".parquet");
        if (parquetPath == csvPath) throw new UsageError($"--out '{csvPath}' must not end in .parquet: the Parquet file is written beside the CSV");
        var outDir = Path.GetDirectoryName(Path.GetFullPath(csvPath))!;
        // Figures are named as the user named the CSV's folder: relative stays relative.
        var shownDir = Path.GetDirectoryName(csvPath) is { Length: > 0 } given ? given : ".";
        var where = parsed.All("--where").Select(Canonical).ToList();
        var json = parsed.Has("--json");
        var quiet = parsed.Has("--quiet") || json;

        var collection = SweepCollector.Collect(dir);
        var table = collection.Table;
        var diagrams = parsed.Has("--no-plots") ? [] : Diagrams(parsed, table, where, stdout, quiet);

        Directory.CreateDirectory(outDir);
        AtomicFile.WriteText(csvPath, TableCsv.Write(table));
        var parquet = TableParquet.Write(table);
        AtomicFile.Write(parquetPath, s => s.Write(parquet));
        var figures = new List<string>();
        foreach (var (grid, theory) in diagrams)
            figures.AddRange(PhaseDiagram.Write(outDir, grid, theory, Caption(grid)).Where(f => f.EndsWith(".png", StringComparison.Ordinal)));

        if (!quiet)
        {
            stdout.WriteLine($"collected {table.Rows.Length} runs from {dir} into {csvPath} and {parquetPath}");
            foreach (var (folder, sameAs) in collection.Duplicates) stdout.WriteLine($"  repeats {sameAs} (same config), left out: {folder}");
            foreach (var (folder, error) in collection.Failed) stdout.WriteLine($"  failed, left out: {folder}: {error}");
            foreach (var (folder, reason) in collection.Incomplete) stdout.WriteLine($"  incomplete, left out: {folder}: {reason}");
            foreach (var figure in figures) stdout.WriteLine($"  phase diagram: {Path.Combine(shownDir, figure)} (and .svg, .csv)");
        }
        if (json) stdout.Write(Json(dir, csvPath, parquetPath, collection, [.. figures.Select(f => Path.Combine(shownDir, f))]));
        return 0;
    }

    /// <summary><c>--json</c>: one object naming the files written, the rows, and every folder left out and why.</summary>
    public static string Json(string dir, string csv, string parquet, Collection collection, IReadOnlyList<string> figures) => JsonText.Object(w =>
    {
        w.WriteString("dir", dir);
        w.WriteString("csv", csv);
        w.WriteString("parquet", parquet);
        w.WriteNumber("rows", collection.Table.Rows.Length);
        void Pairs(string name, IEnumerable<(string Folder, string Why)> items, string why)
        {
            w.WriteStartArray(name);
            foreach (var (folder, text) in items) { w.WriteStartObject(); w.WriteString("folder", folder); w.WriteString(why, text); w.WriteEndObject(); }
            w.WriteEndArray();
        }
        Pairs("failed", collection.Failed, "error");
        Pairs("incomplete", collection.Incomplete, "reason");
        Pairs("duplicates", collection.Duplicates, "same_as");
        w.WriteStartArray("phase_diagrams");
        foreach (var f in figures) w.WriteStringValue(f);
        w.WriteEndArray();
    });

    // The diagrams asked for, or by default those of the two swept keys when exactly two vary.
    private static List<(PhaseGrid Grid, PhaseGrid? Theory)> Diagrams(
        Arguments parsed, SweepTable table, IReadOnlyList<(string Key, string Value)> where, TextWriter stdout, bool quiet)
    {
        var (x, y) = (parsed.Last("--x"), parsed.Last("--y"));
        var explicitValues = parsed.All("--value");
        if ((x is null) != (y is null)) throw new UsageError("give both --x KEY and --y KEY, or neither");
        if (x is null || y is null)
        {
            var swept = ConfigSchema.Keys.Select(k => k.Name)
                .Where(k => k != "seed" && where.All(w => w.Key != k) && table.Rows.Select(r => r[table.IndexOf(k)]).Distinct().Skip(1).Any())
                .ToList();
            if (swept.Count != 2)
            {
                if (explicitValues.Count > 0) throw new UsageError($"--value needs --x and --y: the collected runs vary in {swept.Count} keys ({string.Join(", ", swept)})");
                if (!quiet && table.Rows.Length > 0)
                    stdout.WriteLine($"no phase diagram: the runs vary in {swept.Count} keys besides the seed ({string.Join(", ", swept)}); choose two with --x and --y and fix the rest with --where");
                return [];
            }
            (x, y) = (swept[0], swept[1]);
        }
        var result = new List<(PhaseGrid, PhaseGrid?)>();
        foreach (var value in explicitValues.Count > 0 ? explicitValues : DefaultValues)
        {
            var (grid, error) = PhaseGrid.Of(table, x, y, value, where);
            if (grid is null)
            {
                // An empty table has nothing to draw; any other failure is the user's choice of axes.
                if (table.Rows.Length == 0) return [];
                throw new UsageError(error!);
            }
            var theoryColumn = PhaseGrid.TheoryColumnOf(value, x, y);
            var theory = theoryColumn is null ? null : (PhaseGrid.Of(table, x, y, theoryColumn, where) as Lnsgd.Core.Result<PhaseGrid>.Ok)?.Value;
            result.Add((grid, theory));
        }
        return result;
    }

    // --where key=value, its value spelled as the schema shows it so "1e-3" matches "0.001".
    private static (string Key, string Value) Canonical(string pair)
    {
        var (key, value) = ConfigLoader.SplitPair(pair);
        var config = ConfigLoader.Apply(new RunConfig(), key, value);
        return (key, ConfigSchema.Find(key)!.Show(config));
    }

    // The fixed keys that differ from the built-in defaults, so the figure says what it shows.
    private static string? Caption(PhaseGrid grid)
    {
        var defaults = ConfigSchema.Describe(new RunConfig()).ToDictionary(kv => kv.Key, kv => kv.Value);
        var set = grid.Fixed.Where(kv => defaults[kv.Key] != kv.Value).Select(kv => $"{kv.Key}={kv.Value}").ToList();
        return set.Count == 0 ? "other keys at their defaults" : "fixed: " + string.Join(", ", set);
    }
}
