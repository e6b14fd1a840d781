using Lnsgd.Core.Simulations;
using Lnsgd.Core.Theory;

namespace Lnsgd.Core.Claims;

/// <summary>Lemma 3 per neuron at one (d, m), by exact enumeration over the first lazy records of a run.</summary>
/// <param name="D">Input dimension.</param>
/// <param name="M">Width.</param>
/// <param name="Bound">ρ/m^(1/8).</param>
/// <param name="FractionAbove">Fraction of (neuron, record) pairs whose P(ΔW_i &gt; 0) exceeds ρ/m^(1/8).</param>
/// <param name="MaxProbability">The largest per-neuron P(ΔW_i &gt; 0).</param>
/// <param name="Pooled">P(ΔW &gt; 0) pooled over neurons and records (what a sampled frequency estimates).</param>
public sealed record Lemma3Neurons(int D, int M, double Bound, double FractionAbove, double MaxProbability, double Pooled);

/// <summary>One run of Lemmas 5–6 from a state meeting Phase II's entry condition, with ‖θ⋆‖ = m^(−1/4) (A4).</summary>
/// <param name="EntryMet">Every ‖w_i‖ and |a_i| ≤ √η at the start.</param>
/// <param name="MinCosAtT2">min_i |cos(w_i, θ⋆)| after T2 steps.</param>
/// <param name="MeanCosAtT2">mean_i |cos(w_i, θ⋆)| after T2 steps.</param>
/// <param name="MinCosAtEnd">min_i |cos| after T2 + T3 steps.</param>
/// <param name="MeanCosAtEnd">mean_i |cos| after T2 + T3 steps.</param>
/// <param name="ErrorAtT3">‖θ − θ⋆‖ after T2 + T3 steps.</param>
/// <param name="TargetStep">First record with min |cos| ≥ Lemma 5's target, or null.</param>
public sealed record PhaseTwoRun(bool EntryMet, double MinCosAtT2, double MeanCosAtT2, double MinCosAtEnd, double MeanCosAtEnd, double ErrorAtT3, long? TargetStep);

/// <summary>After Phase I, the same state continued with the noise off, on, and periodic (5,000 on / 5,000 off).</summary>
public sealed record Attribution(long BranchStep, long Steps, double StartCos, double OffCos, double OnCos, double PeriodicCos);

/// <summary>One noise type from the same seed and start: Phase I from the initialisation, Phase II from the label-noise state after Phase I.</summary>
/// <param name="Name">The noise type's name (<see cref="ClaimSettings.NoiseTypes"/>).</param>
/// <param name="MinNormRatio">min over records of mean ‖w_i‖² / its start (Phase I: &lt; 0.5).</param>
/// <param name="CosGain">mean |cos| at the end of the Phase II leg minus at its start.</param>
/// <param name="FinalCos">mean |cos| at the end of the Phase II leg.</param>
public sealed record NoiseTypeRun(string Name, double MinNormRatio, double CosGain, double FinalCos);

/// <summary>
/// Every per-seed statistic the claim suite needs, measured from the presets with one seed.
/// One value per claim; <see cref="ClaimSuite"/> turns the values of all seeds into intervals.
/// </summary>
public sealed record SeedMeasurements
{
    /// <summary>The seed.</summary>
    public ulong Seed { get; init; }
    /// <summary>Whether the preset runs were measured (the quick test suite skips them).</summary>
    public bool HasPresets { get; init; } = true;
    /// <summary>fig2: min mean ‖w_i‖² / initial.</summary>
    public double NoiseMinNormRatio { get; init; }
    /// <summary>fig2-clean: |final / initial mean ‖w_i‖² − 1|.</summary>
    public double CleanNormChange { get; init; }
    /// <summary>fig2: step at which every neuron had left the lazy regime (null: not by T1).</summary>
    public double? NoiseEscapeStep { get; init; }
    /// <summary>fig2-clean: final max √m‖w_i(t) − w_i(0)‖.</summary>
    public double CleanLazyStat { get; init; }
    /// <summary>fig2: final mean |cos|.</summary>
    public double NoiseFinalCos { get; init; }
    /// <summary>fig2: the phase rules found Phase I, then Phase II.</summary>
    public bool NoisePhasesInOrder { get; init; }
    /// <summary>fig2: the entry condition (all ‖w_i‖, |a_i| ≤ √η) was reached at some record.</summary>
    public bool PhaseTwoConditionReached { get; init; }
    /// <summary>Largest relative deviation from the per-step identity above rounding.</summary>
    public double IdentityMaxError { get; init; }
    /// <summary>Lemma 3's sampled frequencies on fig2.</summary>
    public Lemma3Frequencies Lemma3 { get; init; } = new(1, 1, 1, 0);
    /// <summary>Lemma 3 per neuron, exactly, at settings where its bound is below 1.</summary>
    public IReadOnlyList<Lemma3Neurons> Lemma3PerNeuron { get; init; } = [];
    /// <summary>Measured / predicted change of mean ‖w_i‖² − a_i².</summary>
    public double DriftRatio { get; init; }
    /// <summary>Label noise's share of the predicted drift.</summary>
    public double DriftNoiseShare { get; init; }
    /// <summary>periodic: |change of mean ‖w_i‖² while off| / |while on|.</summary>
    public double PeriodicOffOnRatio { get; init; }
    /// <summary>periodic: mean |Δ‖a‖| per record interval while off / while on (a settles when off).</summary>
    public double PeriodicASettleRatio { get; init; }
    /// <summary>oscillation: min mean ‖w_i‖².</summary>
    public double OscillationMinNorm { get; init; }
    /// <summary>fig4-sam: final mean |cos|.</summary>
    public double SamFinalCos { get; init; }
    /// <summary>fig4-sam: min mean ‖w_i‖² / initial.</summary>
    public double SamMinNormRatio { get; init; }
    /// <summary>n &lt; d: test loss (label noise) − test loss (clean), each averaged over the last fifth of the run.</summary>
    public double OverparamTestGap { get; init; }
    /// <summary>fig2: test loss (label noise) − test loss (clean), each averaged over the last fifth of the run.</summary>
    public double ReferenceTestGap { get; init; }
    /// <summary>fig2: max over records of max_i |a_i|.</summary>
    public double NoiseMaxAbsA { get; init; }
    /// <summary>fig2: max_i |a_i(0)|.</summary>
    public double NoiseInitialMaxAbsA { get; init; }
    /// <summary>Effective rank of the final W: fig2 (label noise) and fig2-clean.</summary>
    public (double Noise, double Clean) EffectiveRank { get; init; }
    /// <summary>Participation ratio of the final neuron norms: fig2 and fig2-clean.</summary>
    public (double Noise, double Clean) Participation { get; init; }
    /// <summary>Lemmas 5–6 with plain GD.</summary>
    public PhaseTwoRun? Gd { get; init; }
    /// <summary>Lemmas 5–6 with label noise SGD.</summary>
    public PhaseTwoRun? LabelNoise { get; init; }
    /// <summary>Phase II attribution.</summary>
    public Attribution? Attribution { get; init; }
    /// <summary>Noise types side by side (null when this seed does not run them).</summary>
    public IReadOnlyList<NoiseTypeRun>? NoiseTypes { get; init; }
    /// <summary>The noise types' recorded legs (Phase I from Eq. 5, Phase II from label noise's state), for the figure; not judged.</summary>
    public IReadOnlyList<(string Name, Simulations.Trajectory PhaseOne, Simulations.Trajectory PhaseTwo)>? NoiseTypeLegs { get; init; }
}
