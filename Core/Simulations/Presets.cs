using System.Collections.Immutable;

namespace Lnsgd.Core.Simulations;

/// <summary>A named starting config with the reason it exists.</summary>
public sealed record Preset(string Name, string Description, RunConfig Config);

/// <summary>
/// The named configs of the paper's synthetic experiments (Figs. 2 and 4, the periodic-noise runs and the oscillation simulation of Eqs. 6–7). The paper's reference
/// setting (n=200, d=20, m=1000, η=0.001, σ=4, batch 1) is kept; step counts, ‖θ⋆‖ = 1 and ρ
/// are this project's choices, made so each preset shows its phenomenon end to end
/// (README "Presets" says why each value).
/// </summary>
public static partial class Presets
{
    private static readonly RunConfig Fig2 = new() { Steps = 2_500_000, RecordEvery = 5000 };

    /// <summary>Every preset, in the order <c>lnsgd presets</c> lists them.</summary>
    public static ImmutableArray<Preset> All { get; } =
    [
        new("fig2", "Fig. 2: label noise SGD on the reference setting; Phase I then Phase II", Fig2),
        new("fig2-clean", "Fig. 2 without label noise (sigma=0): plain SGD stays lazy", Fig2 with { Sigma = 0.0, Steps = 1_000_000 }),
        new("periodic", "label noise on 5000 steps, off 5000, repeated: norms shrink only while on",
            Fig2 with { Steps = 100_000, RecordEvery = 250, Schedule = "periodic", PeriodOn = 5000, PeriodOff = 5000 }),
        new("oscillation", "Eqs. 6-7 / Lemma 4: W by clean GD, each a_i on a {-q,0,q} chain, q=eta^(1/4), m=1/sqrt(eta)",
            Fig2 with { Optimizer = "oscillation", M = 32, Sigma = 0.0, Steps = 300_000, RecordEvery = 1000 }),
        new("fig4-sam", "Fig. 4: normalised per-sample SAM (rho=0.15) without label noise on the fig2 setting",
            Fig2 with { Optimizer = "sam", Sigma = 0.0, Rho = 0.15, Steps = 1_000_000 }),
        new("fig4-sam-noise", "Fig. 4 with label noise: SAM (rho=0.01) plus sigma=4 label noise",
            Fig2 with { Optimizer = "sam", Sigma = 4.0, Rho = 0.01, Steps = 1_000_000 }),
    ];

    /// <summary>The preset named <paramref name="name"/>, or null.</summary>
    public static Preset? Find(string name) => All.FirstOrDefault(p => p.Name == name);
}
