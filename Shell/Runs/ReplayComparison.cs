using System.Globalization;
using Lnsgd.Core.Simulations;

namespace Lnsgd.Shell.Runs;

/// <summary>Where a replay first departs from the record: the step (null when only the hash tells), the file, the column, and one line of detail.</summary>
public sealed record Difference(long? Step, string File, string Column, string Detail);

/// <summary>
/// Compares a replayed trajectory with what a run folder recorded, bit for bit: every row of
/// metrics.csv, trace.csv and snapshots.csv that the manifest lists, how the run ended, and the
/// trajectory hash. Pure: the files are read by the caller.
/// </summary>
public static class ReplayComparison
{
    /// <summary>The recorded tables (null: not listed), the recorded ending and hash.</summary>
    public sealed record Record(
        IReadOnlyList<CsvRow>? Metrics, IReadOnlyList<CsvRow>? Trace, IReadOnlyList<CsvRow>? Snapshots,
        RecordedRun Run);

    /// <summary>The earliest difference (ties: metrics, then trace, then snapshots, then the ending), or null when the replay matches.</summary>
    public static Difference? First(Record record, Trajectory replay, int traceNeuron)
    {
        var candidates = new[]
        {
            record.Metrics is null ? null : Table("metrics.csv", record.Metrics, RecordedTables.MetricColumns,
                [.. replay.Rows.Select(r => (r.Step, r.Values()))]),
            record.Trace is null ? null : Table("trace.csv", record.Trace, RecordedTables.TraceColumns,
                [.. replay.Trace.Select(p => (p.Step, new[] { (double)traceNeuron, p.WSq, p.Align, p.A }))]),
            record.Snapshots is null ? null : Table("snapshots.csv", record.Snapshots, RecordedTables.SnapshotColumns,
                [.. replay.Snapshots.SelectMany(s => Enumerable.Range(0, s.WSq.Length).Select(i => (s.Step, new[] { (double)s.Neurons[i], s.WSq[i], s.Align[i] })))]),
            Ending(record.Run, replay),
        }.Where(d => d is not null).ToList();
        if (candidates.Count > 0) return candidates.MinBy(d => d!.Step ?? long.MaxValue);
        var hash = Trajectory.Hash(replay.Rows);
        return hash == record.Run.TrajectorySha256 ? null
            : new Difference(null, "manifest.json", "trajectory_sha256", $"every compared row matches, but the manifest's trajectory_sha256 {record.Run.TrajectorySha256} is not the replay's {hash}");
    }

    private static Difference? Table(string file, IReadOnlyList<CsvRow> recorded, IReadOnlyList<string> columns, IReadOnlyList<(long Step, double[] Values)> replayed)
    {
        for (var k = 0; k < Math.Max(recorded.Count, replayed.Count); k++)
        {
            if (k >= recorded.Count)
                return new Difference(replayed[k].Step, file, "step",
                    $"the replay records step {replayed[k].Step} but {file} {(recorded.Count == 0 ? "has no rows" : $"ends at step {recorded[^1].Step} (line {recorded[^1].Line})")}");
            var (row, line) = (recorded[k], recorded[k].Line);
            if (k >= replayed.Count)
                return new Difference(row.Step, file, "step", $"{file} line {line} records step {row.Step} but the replay has no more rows");
            if (row.Step != replayed[k].Step)
                return new Difference(Math.Min(row.Step, replayed[k].Step), file, "step", $"{file} line {line} is step {row.Step} but the replay's row {k + 1} is step {replayed[k].Step}");
            for (var c = 0; c < columns.Count; c++)
            {
                var (was, now) = (row.Values[c], replayed[k].Values[c]);
                if (BitConverter.DoubleToInt64Bits(was) != BitConverter.DoubleToInt64Bits(now))
                    return new Difference(row.Step, file, columns[c], $"{file} line {line}: {columns[c]} is {Show(was)} but the replay gives {Show(now)}");
            }
        }
        return null;
    }

    private static Difference? Ending(RecordedRun run, Trajectory replay)
    {
        var d = replay.Divergence;
        return run.Status switch
        {
            "diverged" when d is null || d.Step != run.Divergence!.Step || d.Quantity != run.Divergence.Quantity =>
                new Difference(Math.Min(run.Divergence!.Step, d?.Step ?? long.MaxValue), "manifest.json", "divergence",
                    $"the run diverged at step {run.Divergence.Step} ({run.Divergence.Quantity}) but the replay {(d is null ? "did not diverge" : $"diverged at step {d.Step} ({d.Quantity})")}"),
            not "diverged" when d is not null =>
                new Difference(d.Step, "manifest.json", "status", $"the run is '{run.Status}' at step {run.StepsCompleted} but the replay diverged at step {d.Step} ({d.Quantity})"),
            _ => null,
        };
    }

    private static string Show(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
