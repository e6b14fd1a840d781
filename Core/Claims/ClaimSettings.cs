using Lnsgd.Core.Simulations;

namespace Lnsgd.Core.Claims;

/// <summary>
/// The settings of the rows that do not run a preset as it is, in one place so the measurements
/// (Shell) and the rows' texts (<see cref="ClaimSuite"/>) cannot disagree.
/// </summary>
public static class ClaimSettings
{
    /// <summary>Lemma 3 per neuron: (d, m) where ρ/m^(1/8) &lt; 1 (d = 1: 0.48, d = 2: 0.67 at m = 1000).</summary>
    public static IReadOnlyList<(int D, int M)> Lemma3PerNeuron { get; } = [(1, 1000), (2, 1000)];

    /// <summary>Lemma 3 per neuron: the lazy records enumerated (steps 0, 500, …, 2,000).</summary>
    public static IReadOnlyList<long> Lemma3Steps { get; } = [0, 500, 1000, 1500, 2000];

    /// <summary>Lemma 3's law in m: pooled P(ΔW &gt; 0) at initialisation over these widths, at d = 20 and d = 2.</summary>
    public static IReadOnlyList<int> Lemma3LawWidths { get; } = [250, 1000, 4000, 16000];

    /// <summary>
    /// Lemmas 5–6: fig2's data with ‖θ⋆‖ = m^(−1/4) (A4) and Eq. 5's initialisation scaled down so
    /// that every ‖w_i‖ and |a_i| starts below √η ≈ 0.032 (the entry condition): W by 0.015
    /// (‖w_i‖ ≈ 0.015, at most ≈ 0.024 over 1,000 neurons), a by 0.2 (|a_i| ≤ ≈ 0.02).
    /// </summary>
    public static RunConfig PhaseTwoEntry(ulong seed, string optimizer)
    {
        var m = 1000;
        var eta = 1e-3;
        var t = Theory.TheoryPredictions.AlignmentSteps(eta, Math.Pow(m, -0.25)) + Theory.TheoryPredictions.ConvergenceTime(eta, Math.Pow(m, -0.25));
        return Presets.Find("fig2")!.Config with
        {
            Seed = seed, M = m, Eta = eta, TeacherNorm = Math.Pow(m, -0.25), InitScaleW = 0.015, InitScaleA = 0.2,
            Optimizer = optimizer, Sigma = optimizer == "gd" ? 0.0 : 4.0, Steps = (long)Math.Ceiling(t), RecordEvery = 1000, Snapshots = 2,
        };
    }

    /// <summary>Phase II attribution: fig2 is run to this step (Phase I is over by ~100k in every seed), then branched.</summary>
    public const long AttributionBranchStep = 250_000;

    /// <summary>Phase II attribution: steps each branch runs (the quick suite runs a quarter).</summary>
    public static long AttributionSteps(bool quick) => quick ? 250_000 : 1_000_000;

    /// <summary>
    /// Noise types: fig2 at width 100 (Langevin moves every one of the m(d+1) weights, so it runs on
    /// the dense engine and costs O(md) normal draws per step). Phase I runs this many steps from the initialisation.
    /// </summary>
    public static RunConfig NoiseTypeBase(ulong seed) =>
        Presets.Find("fig2")!.Config with { Seed = seed, M = 100, Steps = 60_000, RecordEvery = 1000, Snapshots = 2 };

    /// <summary>
    /// A clean run interpolates when its train loss falls below this (the rounding floor of
    /// ½(θᵀx − y)² is ~1e-30 at fig2's scale): from there plain SGD stands still.
    /// </summary>
    public const double InterpolatedTrainLoss = 1e-25;

    /// <summary>
    /// Noise types: how many seeds (the first ones) run them, in quick mode too: with one seed the
    /// interval over seeds is a point and its rows could not fail honestly; three give a Student-t
    /// interval with 2 degrees of freedom.
    /// </summary>
    public static int NoiseTypeSeeds(bool quick) => 3;

    /// <summary>Noise types: the Phase II leg's length, from the label-noise state after Phase I (at m = 100 label noise gains ≈ 0.2 in mean |cos| over it).</summary>
    public static long NoiseTypePhaseTwoSteps(bool quick) => 150_000;

    /// <summary>The noise types: name and the config changes that make it.</summary>
    public static IReadOnlyList<(string Name, string Description, Func<RunConfig, RunConfig> Apply)> NoiseTypes { get; } =
    [
        ("label", "batch-1 SGD with label noise ε = ±4, the paper's", c => c with { Optimizer = "sgd", Sigma = 4.0, Batch = 1 }),
        ("minibatch", "clean batch-1 SGD", c => c with { Optimizer = "sgd", Sigma = 0.0, Batch = 1 }),
        ("langevin", "clean GD plus isotropic Gaussian noise on W and a with label noise's per-step variance", c => c with { Optimizer = "langevin", Sigma = 4.0 }),
        ("label-gd", "full-batch GD with label noise ε = ±4 on every sample", c => c with { Optimizer = "gd", Sigma = 4.0 }),
    ];
}
