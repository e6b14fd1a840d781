using System.Globalization;
using Lnsgd.Core.Measures;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Output;

namespace Lnsgd.Shell.Runs;

/// <summary>One data row of a run folder's CSV: its step, the values after the step column, and its line number.</summary>
public sealed record CsvRow(long Step, IReadOnlyList<double> Values, int Line);

/// <summary>
/// The CSV files of a run folder read back for <c>replay --check</c>: the exact header this
/// version writes, then rows of a step and round-trip doubles. Anything else is one
/// <see cref="UsageError"/> line naming the file and line.
/// </summary>
public static class RecordedTables
{
    /// <summary>metrics.csv's columns after <c>step</c>.</summary>
    public static IReadOnlyList<string> MetricColumns { get; } = [.. MetricRow.Columns.Skip(1)];

    /// <summary>trace.csv's columns after <c>step</c>.</summary>
    public static IReadOnlyList<string> TraceColumns { get; } = ["neuron", "w_sq", "align", "a"];

    /// <summary>snapshots.csv's columns after <c>step</c>.</summary>
    public static IReadOnlyList<string> SnapshotColumns { get; } = ["neuron", "w_sq", "align"];

    /// <summary>Reads a CSV with the given columns after <c>step</c>; <paramref name="origin"/> names it in errors.</summary>
    public static IReadOnlyList<CsvRow> Read(string path, IReadOnlyList<string> columns)
    {
        return Parse(RegularFile.ReadBytes(path, RegularFile.DataCap, "table"), path, columns);
    }

    /// <summary>Parses CSV bytes (UTF-8, '\n' line ends, a final '\n').</summary>
    public static IReadOnlyList<CsvRow> Parse(byte[] bytes, string origin, IReadOnlyList<string> columns)
    {
        string text;
        try { text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
        catch (ArgumentException) { throw new UsageError($"'{origin}' is not UTF-8 text"); }
        if (text.Length == 0 || text[^1] != '\n') throw new UsageError($"'{origin}' is empty or truncated (it does not end with a line break)");
        var lines = text[..^1].Split('\n');
        var header = string.Join(',', ["step", .. columns]);
        if (lines[0] != header) throw new UsageError($"'{origin}' line 1: the header is not '{header}'");
        var rows = new List<CsvRow>(lines.Length - 1);
        for (var k = 1; k < lines.Length; k++)
        {
            var cells = lines[k].Split(',');
            if (cells.Length != columns.Count + 1)
                throw new UsageError($"'{origin}' line {k + 1}: {cells.Length} fields, expected {columns.Count + 1}");
            if (!long.TryParse(cells[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var step))
                throw new UsageError($"'{origin}' line {k + 1}: step '{Cut(cells[0])}' is not an integer");
            var values = new double[columns.Count];
            for (var c = 0; c < columns.Count; c++)
                if (!double.TryParse(cells[c + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out values[c]))
                    throw new UsageError($"'{origin}' line {k + 1}: {columns[c]} '{Cut(cells[c + 1])}' is not a number");
            rows.Add(new CsvRow(step, values, k + 1));
        }
        return rows;
    }

    /// <summary>
    /// metrics.csv as the rows the run recorded: the file holds round-trip doubles, so these are
    /// bit for bit the recorded rows and hash to the manifest's <c>trajectory_sha256</c>.
    /// </summary>
    public static IReadOnlyList<MetricRow> Metrics(byte[] bytes, string origin) =>
        [.. Parse(bytes, origin, MetricColumns).Select(r => MetricRow.Of(r.Step, [.. r.Values]))];

    private static string Cut(string s) => s.Length > 40 ? s[..40] + "..." : s;
}
