using Lnsgd.Core.Claims;
using Lnsgd.Core.Measures;
using Lnsgd.Core.Simulations;

namespace Lnsgd.Shell.Reproduction;

/// <summary>A run's verdict against the experiment's claim, with the measured reason.</summary>
public sealed record Verdict(bool Holds, string Measured);

/// <summary>
/// How each claim is judged from a run's summary, by the one definition of each phase in
/// <see cref="PhaseRules"/> (the same rules <c>verify</c> and <c>real</c> use): Phase I = mean
/// ‖w_i‖² falls by more than half; Phase II = mean cosine rises from chance (below 0.5) above 0.9
/// after Phase I; a clean baseline shows neither.
/// </summary>
public static class Verdicts
{
    /// <summary>The verdict for one run of an experiment.</summary>
    public static Verdict Judge(Experiment experiment, ExperimentRun run, RunConfig config, Trajectory trajectory)
    {
        var s = RunSummary.Of(trajectory);
        var phases = PhaseRules.Of(trajectory.Rows);
        return experiment.Kind switch
        {
            ExperimentKind.TwoPhases when run.Baseline => new(phases.Neither,
                $"mean ‖w_i‖² {Format.Num(s.InitialMeanWSq)} → {Format.Num(s.FinalMeanWSq)} ({Format.Percent(s.FinalMeanWSq / s.InitialMeanWSq - 1)}), " +
                $"mean cosine {Format.Num(s.InitialMeanCos)} → {Format.Num(s.FinalMeanCos)}: " +
                (phases.Neither ? "neither phase" : "a phase appeared")),
            ExperimentKind.TwoPhases => TwoPhases(s, phases),
            ExperimentKind.Periodic => Periodic(config, trajectory),
            ExperimentKind.Oscillation => Oscillation(config, s),
            _ => throw new InvalidOperationException($"unknown experiment kind {experiment.Kind}"),
        };
    }

    private static Verdict TwoPhases(RunSummary s, PhaseOutcome phases)
    {
        var (phase1, phase2) = (phases.PhaseOne, phases.PhaseTwo);
        var text = $"Phase I {(phase1 ? $"at step {phases.NormsHalved:N0} (mean ‖w_i‖² halved)" : "not reached (mean ‖w_i‖² never halved)")}; " +
                   $"Phase II {(phase2 ? $"at step {phases.Aligned:N0} (mean cosine ≥ 0.9, from {Format.Num(s.InitialMeanCos)})" : $"not reached (mean cosine ended at {Format.Num(s.FinalMeanCos)})")}";
        return new(phase1 && phase2, text);
    }

    private static Verdict Periodic(RunConfig config, Trajectory trajectory)
    {
        var schedule = RunSpec.BuildSchedule(config);
        var (on, off, onCount, offCount) = RunSummary.ChangeByNoiseWindow(trajectory.Rows, t => schedule.Factor(t) > 0);
        var holds = PhaseRules.ShrinksOnlyWhileOn(on, off);
        return new(holds, $"mean ‖w_i‖² changed by {Format.Num(on)} over {onCount} noise-on record intervals and by {Format.Num(off)} over {offCount} noise-off intervals");
    }

    private static Verdict Oscillation(RunConfig config, RunSummary s)
    {
        var bound = Math.Sqrt(config.Eta);
        var horizon = 1.0 / (config.Eta * config.Eta);
        var holds = PhaseRules.OscillationShrinks(s.MinMeanWSq, s.MinMeanWSqStep, config.Eta);
        return new(holds, $"min mean ‖w_i‖² = {Format.Num(s.MinMeanWSq)} at step {s.MinMeanWSqStep:N0} " +
                          $"(Lemma 4: ≤ √η = {Format.Num(bound)} by step 1/η² = {horizon:N0}); start {Format.Num(s.InitialMeanWSq)}");
    }
}

/// <summary>Number formats of the report.</summary>
public static class Format
{
    /// <summary>Four significant digits, invariant culture.</summary>
    public static string Num(double v) => v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A signed percentage.</summary>
    public static string Percent(double v) => (v >= 0 ? "+" : "") + (100 * v).ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " %";

    /// <summary>A step, or an em dash when not reached.</summary>
    public static string Step(long? step) => step is { } s ? s.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "—";
}
