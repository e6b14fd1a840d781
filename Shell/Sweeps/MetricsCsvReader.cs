using System.Globalization;
using Lnsgd.Core.Measures;

namespace Lnsgd.Shell.Sweeps;

/// <summary>
/// Reads <c>metrics.csv</c> back into rows. The file holds every double in round-trip form, so
/// the rows read back are bit for bit those the run recorded and hash to its
/// <c>trajectory_sha256</c>. Columns a later version appends are ignored.
/// </summary>
public static class MetricsCsvReader
{
    /// <summary>The rows of <paramref name="text"/>, or the reason it is not a metrics file.</summary>
    public static (IReadOnlyList<MetricRow>? Rows, string? Error) Parse(string text)
    {
        var lines = text.Split('\n');
        var header = lines[0].TrimEnd('\r').Split(',');
        if (header.Length < MetricRow.Columns.Length || !header.Take(MetricRow.Columns.Length).SequenceEqual(MetricRow.Columns))
            return (null, "metrics.csv has an unexpected header");
        var rows = new List<MetricRow>();
        for (var k = 1; k < lines.Length; k++)
        {
            var line = lines[k].TrimEnd('\r');
            if (line.Length == 0)
            {
                if (k == lines.Length - 1) break;
                return (null, $"metrics.csv line {k + 1} is empty");
            }
            var fields = line.Split(',');
            var v = new double[MetricRow.Columns.Length - 1];
            if (fields.Length < MetricRow.Columns.Length
                || !long.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var step)
                || !Enumerable.Range(0, v.Length).All(j => double.TryParse(fields[j + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out v[j])))
                return (null, $"metrics.csv line {k + 1} is not a row of numbers");
            rows.Add(new MetricRow(step, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15]));
        }
        return (rows, null);
    }
}
