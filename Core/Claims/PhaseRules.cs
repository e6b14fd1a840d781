using Lnsgd.Core.Measures;

namespace Lnsgd.Core.Claims;

/// <summary>Where a run's phases were reached (record steps; null: not reached).</summary>
/// <param name="NormsHalved">Phase I: the first record with mean ‖w_i‖² at most half its start.</param>
/// <param name="Aligned">Phase II: the first record after Phase I with mean |cos(w_i, θ⋆)| ≥ the target, from a start below 0.5.</param>
/// <param name="EveryNeuronAligned">Phase II per neuron (Lemma 5 speaks of every neuron): min |cos| ≥ the target, after Phase I.</param>
public sealed record PhaseOutcome(long? NormsHalved, long? Aligned, long? EveryNeuronAligned)
{
    /// <summary>Phase I happened.</summary>
    public bool PhaseOne => NormsHalved is not null;

    /// <summary>Phase II happened, after Phase I.</summary>
    public bool PhaseTwo => Aligned is not null;

    /// <summary>Neither phase: the lazy baseline.</summary>
    public bool Neither => NormsHalved is null && FirstAligned is null;

    /// <summary>The first record with mean |cos| ≥ the target, whether or not Phase I came first.</summary>
    public long? FirstAligned { get; init; }
}

/// <summary>
/// The one definition of each phase (the paper's two phases, Fig. 2; docs/CLAIMS.md), used by <c>run</c>'s summary,
/// <c>reproduce</c>, <c>verify</c> and <c>real</c> alike: Phase I = the mean squared first-layer
/// norm falls to half its start; Phase II = after Phase I, the mean alignment |cos(w_i, θ⋆)| rises
/// from chance (below 0.5) to the target (0.9); per neuron where the paper says "every neuron".
/// </summary>
public static class PhaseRules
{
    /// <summary>The alignment that counts as Phase II.</summary>
    public const double AlignmentTarget = 0.9;

    /// <summary>A start above this is not "chance" alignment: Phase II must rise from below it.</summary>
    public const double ChanceCeiling = 0.5;

    /// <summary>The phases of a recorded trajectory (at least one row).</summary>
    public static PhaseOutcome Of(IReadOnlyList<MetricRow> rows, double target = AlignmentTarget)
    {
        if (rows.Count == 0) throw new ArgumentException("phases need at least one recorded row", nameof(rows));
        var start = rows[0];
        var halved = RunSummary.FirstStep(rows, r => r.MeanWSq <= 0.5 * start.MeanWSq);
        var first = RunSummary.FirstStep(rows, r => r.MeanCos >= target);
        var fromChance = start.MeanCos < ChanceCeiling;
        long? After(Func<MetricRow, bool> aligned) =>
            halved is { } h && fromChance ? RunSummary.FirstStep(rows, r => r.Step > h && aligned(r)) : null;
        return new PhaseOutcome(halved, After(r => r.MeanCos >= target), After(r => r.MinCos >= target)) { FirstAligned = first };
    }

    /// <summary>
    /// The periodic claim's first half: the norms fall while the noise is on and move by at most
    /// <paramref name="tolerance"/> of that while it is off (changes summed over record intervals inside each window).
    /// </summary>
    public static bool ShrinksOnlyWhileOn(double onChange, double offChange, double tolerance = 0.01) =>
        onChange < 0 && Math.Abs(offChange) <= tolerance * Math.Abs(onChange);

    /// <summary>Lemma 4: mean ‖w_i‖² reaches √η within 1/η² steps.</summary>
    public static bool OscillationShrinks(double minMeanWSq, long minStep, double eta) =>
        minMeanWSq <= Math.Sqrt(eta) && minStep <= 1.0 / (eta * eta);
}
