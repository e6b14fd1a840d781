using System.Globalization;
using System.Text;
using Lnsgd.Core.Measures;
using Lnsgd.Core.Simulations;
using Lnsgd.Shell.Plots;
using Lnsgd.Shell.Runs;

namespace Lnsgd.Shell.Reproduction;

/// <summary>
/// The report's section over seeds: per run of every experiment, the phase steps (escape,
/// norm ½, cos 0.5, cos 0.9) and the final mean ‖w_i‖², mean cosine and test loss, each as the
/// mean over the seeds with its 95 % Student-t interval and how many seeds reached it.
/// </summary>
public static class SeedIntervals
{
    /// <summary>The section's markdown; <paramref name="seeds"/> maps each preset to its runs over the seeds.</summary>
    public static string Section(IReadOnlyList<ulong> seedList, IReadOnlyDictionary<string, IReadOnlyList<Trajectory>> seeds)
    {
        var sb = new StringBuilder();
        var n = seedList.Count;
        sb.Append(CultureInfo.InvariantCulture, $"\n## Across {n} seed{(n == 1 ? "" : "s")} ({string.Join(", ", seedList)})\n\n");
        sb.Append("Every overlay figure above draws each run as its mean over these seeds with a shaded 95 % band. ");
        sb.Append("Phase steps below: mean [95 % Student-t interval] over the seeds that reached the event (k/n: how many did); ");
        sb.Append("final values: mean [95 % interval] over all seeds. The tables and verdicts above are the first seed's.\n\n");
        string[] columns = ["experiment", "run", .. PhaseMarkers.Names, "final mean ‖w‖²", "final mean cos", "final test loss"];
        sb.Append("| ").AppendJoin(" | ", columns).Append(" |\n|").Append(string.Concat(columns.Select(_ => "---|"))).Append('\n');
        foreach (var experiment in ReproductionPlan.Synthetic)
            foreach (var run in experiment.Runs)
            {
                var runs = seeds[run.Preset];
                var table = PhaseMarkers.Table(runs);
                var finals = runs.Where(t => !t.Rows.IsEmpty).Select(t => t.Rows[^1]).ToList();
                sb.Append($"| {experiment.Id} | {run.Label} | ");
                foreach (var (_, marker) in table) sb.Append(SeedAggregate.Describe(marker, runs.Count)).Append(" | ");
                sb.Append(Final(finals, r => r.MeanWSq)).Append(" | ").Append(Final(finals, r => r.MeanCos)).Append(" | ").Append(Final(finals, r => r.TestLoss)).Append(" |\n");
            }
        return sb.ToString();
    }

    private static string Final(IReadOnlyList<MetricRow> rows, Func<MetricRow, double> value)
    {
        if (rows.Count == 0) return "—";
        var i = Interval.Of([.. rows.Select(value)]);
        return rows.Count == 1 ? Format.Num(i.Mean) : $"{Format.Num(i.Mean)} [{Format.Num(i.Low)}, {Format.Num(i.High)}]";
    }
}
