using System.Globalization;
using System.Text;
using Lnsgd.Core.Measures;
using Lnsgd.Core.Simulations;

namespace Lnsgd.Shell.Output;

/// <summary>
/// The CSV files of a run folder. Numbers are written in the shortest form that round-trips
/// ("R"), invariant culture, '\n' line ends, so pandas reads back the exact doubles.
/// </summary>
public static class CsvFormat
{
    /// <summary>metrics.csv: the <see cref="MetricRow.Columns"/> header, one row per record.</summary>
    public static string Metrics(IEnumerable<MetricRow> rows)
    {
        var sb = new StringBuilder().Append(string.Join(',', MetricRow.Columns)).Append('\n');
        foreach (var row in rows)
            sb.Append(row.Step.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(string.Join(',', row.Values().Select(Number))).Append('\n');
        return sb.ToString();
    }

    /// <summary>trace.csv: the traced neuron at every record.</summary>
    public static string Trace(int neuron, IEnumerable<TracePoint> points)
    {
        var sb = new StringBuilder("step,neuron,w_sq,align,a\n");
        foreach (var p in points)
            sb.Append(CultureInfo.InvariantCulture, $"{p.Step},{neuron},{Number(p.WSq)},{Number(p.Align)},{Number(p.A)}\n");
        return sb.ToString();
    }

    /// <summary>snapshots.csv: each snapshotted neuron's (‖w_i‖², ⟨w_i, θ⋆⟩) at each snapshot step, long format.</summary>
    public static string Snapshots(IEnumerable<NeuronSnapshot> snapshots)
    {
        var sb = new StringBuilder("step,neuron,w_sq,align\n");
        foreach (var s in snapshots)
            for (var i = 0; i < s.WSq.Length; i++)
                sb.Append(CultureInfo.InvariantCulture, $"{s.Step},{s.Neurons[i]},{Number(s.WSq[i])},{Number(s.Align[i])}\n");
        return sb.ToString();
    }

    /// <summary>A double in round-trip form.</summary>
    public static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
