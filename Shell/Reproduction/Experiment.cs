using System.Collections.Immutable;

namespace Lnsgd.Shell.Reproduction;

/// <summary>
/// One labelled run of an experiment: a preset under the name its legend shows. A baseline is
/// the comparison run that the claim says should show neither phase.
/// </summary>
public sealed record ExperimentRun(string Label, string Preset, bool Baseline = false);

/// <summary>What an experiment's check tests, so the report can state a verdict.</summary>
public enum ExperimentKind
{
    /// <summary>Label noise (or SAM) runs show Phase I then Phase II; a clean baseline shows neither.</summary>
    TwoPhases,
    /// <summary>Norms fall during noise-on windows and stay put during noise-off windows.</summary>
    Periodic,
    /// <summary>The oscillation simulation brings mean ‖w_i‖² below √η within 1/η² steps (Lemma 4).</summary>
    Oscillation,
}

/// <summary>A section of the reproduction report: the paper's claim and the runs that test it.</summary>
public sealed record Experiment(string Id, string Title, string Claim, ExperimentKind Kind, ImmutableArray<ExperimentRun> Runs);

/// <summary>The paper's synthetic experiments (Figs. 2 and 4, periodic noise, Eqs. 6–7), in report order.</summary>
public static class ReproductionPlan
{
    /// <summary>Every synthetic experiment.</summary>
    public static ImmutableArray<Experiment> Synthetic { get; } =
    [
        new("fig2", "Fig. 2 — label noise SGD vs plain SGD",
            "With label noise, the first-layer norms shrink first (Phase I: the network leaves the lazy regime), " +
            "then the neurons align with θ⋆ (Phase II) and the model converges. Without label noise the network stays lazy: " +
            "norms and alignment barely move.",
            ExperimentKind.TwoPhases, [new("label noise SGD", "fig2"), new("clean SGD", "fig2-clean", Baseline: true)]),
        new("periodic", "Periodic label noise (5,000 steps on, 5,000 off)",
            "‖w_i‖ shrinks only while the noise is on; the second layer oscillates near 0 under noise and settles when it is off.",
            ExperimentKind.Periodic, [new("periodic label noise", "periodic")]),
        new("oscillation", "Oscillation simulation (Eqs. 6–7, Lemma 4)",
            "With W trained by clean full-batch GD and each a_i oscillating on {−η^¼, 0, +η^¼}, the first-layer norms shrink: " +
            "with m = 1/√η, some t₀ ≤ 1/η² has E[(1/m) Σ ‖w_i(t₀)‖²] ≤ √η.",
            ExperimentKind.Oscillation, [new("oscillation simulation", "oscillation")]),
        new("fig4", "Fig. 4 — SAM, without and with label noise",
            "SAM in place of label noise SGD shows the same two phases: norms shrink, then alignment rises.",
            ExperimentKind.TwoPhases, [new("SAM", "fig4-sam"), new("SAM + label noise", "fig4-sam-noise"), new("clean SGD", "fig2-clean", Baseline: true)]),
    ];
}
