using System.Text;
using Lnsgd.Core.Sweeps;

namespace Lnsgd.Shell.Output;

/// <summary>
/// The collected table as CSV (RFC 4180): a header of column names, one line per run, '\n' line
/// ends; an empty field is a missing value; fields with a comma or quote are quoted.
/// </summary>
public static class TableCsv
{
    /// <summary>The CSV text of <paramref name="table"/>.</summary>
    public static string Write(SweepTable table)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', table.Columns.Select(c => Field(c.Name))).Append('\n');
        foreach (var row in table.Rows) sb.AppendJoin(',', row.Select(Field)).Append('\n');
        return sb.ToString();
    }

    private static string Field(string? value) =>
        value is null ? ""
        : value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\""
        : value;
}
