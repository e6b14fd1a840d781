using Lnsgd.Core.Sweeps;
using Lnsgd.Shell.Output;
using Lnsgd.Shell.Sweeps;
using Parquet;
using Parquet.Schema;
using Xunit;

namespace Lnsgd.Properties;

/// <summary>The collected table's files say the same thing: the Parquet file read back equals the CSV cell for cell.</summary>
public sealed class TableFormatTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "lnsgd-table-" + Guid.NewGuid().ToString("N"));

    /// <summary>Removes the temporary folder.</summary>
    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task The_Parquet_table_reads_back_to_the_cells_of_the_CSV_table()
    {
        // Clean runs (sigma = 0) leave the escape step and T1 empty: nulls must survive too.
        const string spec = "m = 10\nn = 20\nd = 3\nsteps = 100\nrecord_every = 10\nsigma = [0, 4]\neta = [0.01, 0.02]\nschedule_points = \"0:1,50:0.5\"\nseeds = [3, \"18446744073709551615\"]\n";
        SweepExecutor.Execute(SweepExpansion.Expand(SweepSpecReader.Parse(spec, "spec")).ValueOrThrow(), _dir, new(2, false, null));
        var table = SweepCollector.Collect(_dir).Table;
        Assert.Equal(8, table.Rows.Length);
        Assert.Contains(table.Rows, r => r[table.IndexOf("escape_step")] is null);

        using var stream = new MemoryStream(TableParquet.Write(table));
        await using var reader = await ParquetReader.CreateAsync(stream);
        var fields = reader.Schema.GetDataFields();
        Assert.Equal(table.Columns.Select(c => c.Name), fields.Select(f => f.Name));
        using var group = reader.OpenRowGroupReader(0);
        Assert.Equal(table.Rows.Length, group.RowCount);
        for (var c = 0; c < fields.Length; c++)
        {
            var n = table.Rows.Length;
            string?[] cells;
            switch (table.Columns[c].Kind)
            {
                case ColumnKind.Integer:
                    var longs = new long?[n]; await group.ReadAsync<long>(fields[c], longs.AsMemory());
                    cells = [.. longs.Select(v => Cell.Of(v))];
                    break;
                case ColumnKind.Unsigned:
                    var ulongs = new ulong?[n]; await group.ReadAsync<ulong>(fields[c], ulongs.AsMemory());
                    cells = [.. ulongs.Select(v => v?.ToString(System.Globalization.CultureInfo.InvariantCulture))];
                    break;
                case ColumnKind.Real:
                    var doubles = new double?[n]; await group.ReadAsync<double>(fields[c], doubles.AsMemory());
                    cells = [.. doubles.Select(v => Cell.Of(v))];
                    break;
                default:
                    var strings = new string?[n]; await group.ReadAsync(fields[c], strings.AsMemory());
                    cells = strings;
                    break;
            }
            Assert.Equal(table.Rows.Select(r => r[c]), cells);
        }
    }

    [Fact]
    public void A_CSV_field_with_a_comma_is_quoted()
    {
        var table = new SweepTable([new("a", ColumnKind.Text, ""), new("b", ColumnKind.Real, "")], [["0:1,50:0.5", null], ["say \"hi\"", "1.5"]]);
        Assert.Equal("a,b\n\"0:1,50:0.5\",\n\"say \"\"hi\"\"\",1.5\n", TableCsv.Write(table));
    }
}
