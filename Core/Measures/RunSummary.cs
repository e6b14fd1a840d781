using Lnsgd.Core.Simulations;

namespace Lnsgd.Core.Measures;

/// <summary>
/// The headline numbers of one run, read off its recorded rows: where the norms halve (Phase I),
/// where alignment passes 0.5 and 0.9 (Phase II), how far it ended. Steps are record steps, so
/// each is exact to the recording interval; null means "not reached in this run".
/// </summary>
public sealed record RunSummary(
    long Steps, double InitialMeanWSq, double FinalMeanWSq, double MinMeanWSq, long MinMeanWSqStep,
    double InitialWFrob, double FinalWFrob, long? NormHalvedStep,
    double InitialMeanCos, double FinalMeanCos, long? Cos05Step, long? Cos09Step,
    long? AllEscapedStep, double FinalTrainLoss, double FinalTestLoss)
{
    /// <summary>The summary of a trajectory with at least one row.</summary>
    public static RunSummary Of(Trajectory run)
    {
        var rows = run.Rows;
        if (rows.IsEmpty) throw new ArgumentException("a summary needs at least one recorded row");
        var (first, last) = (rows[0], rows[^1]);
        var min = rows.MinBy(r => r.MeanWSq)!;
        return new RunSummary(
            last.Step, first.MeanWSq, last.MeanWSq, min.MeanWSq, min.Step,
            first.WFrob, last.WFrob, FirstStep(rows, r => r.MeanWSq <= 0.5 * first.MeanWSq),
            first.MeanCos, last.MeanCos, FirstStep(rows, r => r.MeanCos >= 0.5), FirstStep(rows, r => r.MeanCos >= 0.9),
            FirstStep(rows, r => r.EscapedFrac >= 1.0), last.TrainLoss, last.TestLoss);
    }

    /// <summary>The first recorded step whose row satisfies <paramref name="condition"/>.</summary>
    public static long? FirstStep(IEnumerable<MetricRow> rows, Func<MetricRow, bool> condition) =>
        rows.FirstOrDefault(condition)?.Step;

    /// <summary>
    /// Total change of mean ‖w_i‖² over record intervals lying inside noise-on windows and inside
    /// noise-off windows (intervals that straddle a switch are left out): the periodic experiment's test.
    /// </summary>
    public static (double OnChange, double OffChange, int OnIntervals, int OffIntervals) ChangeByNoiseWindow(
        IReadOnlyList<MetricRow> rows, Func<long, bool> noiseOn)
    {
        double on = 0, off = 0;
        int onCount = 0, offCount = 0;
        foreach (var (a, b, isOn) in Claims.NoiseWindows.UniformIntervals(rows, noiseOn))
        {
            if (isOn) { on += b.MeanWSq - a.MeanWSq; onCount++; }
            else { off += b.MeanWSq - a.MeanWSq; offCount++; }
        }
        return (on, off, onCount, offCount);
    }
}
