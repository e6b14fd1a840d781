using Lnsgd.Core.Networks;
using Lnsgd.Core.Measures;

namespace Lnsgd.Core.Theory;

/// <summary>
/// The phase boundaries of a run (the paper's Definition 1, Theorem 2 and Lemmas 5–6), each a pure function of its recorded rows and
/// per-record neuron extremes. Steps are record steps; null means "not reached".
/// </summary>
public sealed record Phases(
    long? AllEscaped, long? PhaseTwoCondition, long? PhaseOneEnd, long? AlignmentStart,
    long? MeanCos05, long? MeanCos09, long? MinCos09, long? Converged);

/// <summary>Per-record extremes over the neurons that the rows do not carry.</summary>
public sealed record NeuronExtremes(long Step, double MaxWNorm, double MaxAbsA)
{
    /// <summary>The extremes of a network.</summary>
    public static NeuronExtremes Of(long step, Network net)
    {
        var maxW = 0.0;
        for (var i = 0; i < net.M; i++) maxW = Math.Max(maxW, Math.Sqrt(Kernels.SquaredNorm(net.Neuron(i))));
        return new NeuronExtremes(step, maxW, net.A.Max(Math.Abs));
    }
}

/// <summary>Phase detection as folds over a recorded trajectory.</summary>
public static class PhaseDetector
{
    /// <summary>All boundaries. <paramref name="tolerance"/> is the ‖θ − θ⋆‖ that counts as converged.</summary>
    public static Phases Detect(IReadOnlyList<MetricRow> rows, IReadOnlyList<NeuronExtremes> extremes, double eta, double tolerance)
    {
        var root = Math.Sqrt(eta);
        return new Phases(
            RunSummary.FirstStep(rows, r => r.EscapedFrac >= 1.0),
            extremes.FirstOrDefault(e => e.MaxWNorm <= root && e.MaxAbsA <= root)?.Step,
            PhaseOneEnd(rows), AlignmentStart(rows),
            RunSummary.FirstStep(rows, r => r.MeanCos >= 0.5),
            RunSummary.FirstStep(rows, r => r.MeanCos >= 0.9),
            RunSummary.FirstStep(rows, r => r.MinCos >= 0.9),
            RunSummary.FirstStep(rows, r => r.ThetaErr <= tolerance));
    }

    /// <summary>
    /// The practical end of Phase I: the first record at which the smoothed log mean ‖w_i‖² has
    /// covered 90 % of its fall from the start to its final plateau (the median of the last
    /// tenth of the records). Null when the norms never halve. Smoothing is a centred running
    /// median over 1/50 of the records, so single noisy records cannot move the answer.
    /// </summary>
    public static long? PhaseOneEnd(IReadOnlyList<MetricRow> rows)
    {
        if (rows.Count < 3) return null;
        var log = Smooth(rows.Select(r => Math.Log(r.MeanWSq)).ToArray());
        var plateau = Median(log[(int)(0.9 * log.Length)..]);
        var drop = log[0] - plateau;
        if (!(drop >= Math.Log(2))) return null;
        var target = log[0] - 0.9 * drop;
        for (var k = 0; k < log.Length; k++) if (log[k] <= target) return rows[k].Step;
        return null;
    }

    /// <summary>
    /// Where alignment starts rising: the first record at which the smoothed mean cosine has
    /// gained 10 % of its largest rise over the start. Null when it never rises by 0.1.
    /// </summary>
    public static long? AlignmentStart(IReadOnlyList<MetricRow> rows)
    {
        if (rows.Count < 3) return null;
        var cos = Smooth(rows.Select(r => r.MeanCos).ToArray());
        var rise = cos.Max() - cos[0];
        if (!(rise >= 0.1)) return null;
        for (var k = 0; k < cos.Length; k++) if (cos[k] >= cos[0] + 0.1 * rise) return rows[k].Step;
        return null;
    }

    /// <summary>A centred running median over max(1, n/50) points (odd), the ends using what exists.</summary>
    public static double[] Smooth(double[] values)
    {
        var half = Math.Max(0, values.Length / 100);
        var smoothed = new double[values.Length];
        for (var k = 0; k < values.Length; k++)
        {
            var (from, to) = (Math.Max(0, k - half), Math.Min(values.Length, k + half + 1));
            smoothed[k] = Median(values[from..to]);
        }
        // The first point is the start itself: smoothing must not pull it towards later values.
        if (values.Length > 0) smoothed[0] = values[0];
        return smoothed;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
