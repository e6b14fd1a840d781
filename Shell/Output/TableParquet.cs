using System.Globalization;
using Lnsgd.Core.Sweeps;
using Parquet;
using Parquet.Schema;

namespace Lnsgd.Shell.Output;

/// <summary>
/// The collected table as a Parquet file (Parquet.Net), typed per column kind: text as UTF-8
/// strings, integers as int64 (the seed as uint64), reals as double; every column nullable,
/// a missing value is null. pandas (<c>read_parquet</c>) and polars read it directly.
/// </summary>
public static class TableParquet
{
    /// <summary>The Parquet bytes of <paramref name="table"/> (one row group).</summary>
    public static byte[] Write(SweepTable table) => WriteAsync(table).GetAwaiter().GetResult();

    private static async Task<byte[]> WriteAsync(SweepTable table)
    {
        var fields = table.Columns.Select(c => new DataField(c.Name, c.Kind switch
        {
            ColumnKind.Integer => typeof(long?),
            ColumnKind.Unsigned => typeof(ulong?),
            ColumnKind.Real => typeof(double?),
            _ => typeof(string),
        }, isNullable: true)).ToArray();
        using var buffer = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), buffer))
        {
            using var group = writer.CreateRowGroup();
            for (var c = 0; c < fields.Length; c++)
            {
                var cells = table.Rows.Select(r => r[c]).ToArray();
                switch (table.Columns[c].Kind)
                {
                    case ColumnKind.Integer:
                        await group.WriteAsync<long>(fields[c], cells.Select(s => s is null ? (long?)null : long.Parse(s, CultureInfo.InvariantCulture)).ToArray());
                        break;
                    case ColumnKind.Unsigned:
                        await group.WriteAsync<ulong>(fields[c], cells.Select(s => s is null ? (ulong?)null : ulong.Parse(s, CultureInfo.InvariantCulture)).ToArray());
                        break;
                    case ColumnKind.Real:
                        await group.WriteAsync<double>(fields[c], cells.Select(s => s is null ? (double?)null : double.Parse(s, CultureInfo.InvariantCulture)).ToArray());
                        break;
                    default:
                        await group.WriteAsync(fields[c], cells);
                        break;
                }
            }
        }
        return buffer.ToArray();
    }
}
