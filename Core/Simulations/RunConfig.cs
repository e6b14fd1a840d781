namespace Lnsgd.Core.Simulations;

/// <summary>
/// Everything that defines a run, by the names users type (<see cref="ConfigSchema"/> documents
/// each key). Defaults are the paper's reference setting (the paper's Section "Setup and Overview": n = 200, d = 20, m = 1000, η = 0.001, σ = 4) with label noise on.
/// </summary>
public sealed record RunConfig
{
    /// <summary>Training samples n.</summary>
    public int N { get; init; } = 200;
    /// <summary>Test samples.</summary>
    public int NTest { get; init; } = 1000;
    /// <summary>Input dimension d.</summary>
    public int D { get; init; } = 20;
    /// <summary>Width m (number of neurons).</summary>
    public int M { get; init; } = 1000;
    /// <summary>Step size η.</summary>
    public double Eta { get; init; } = 1e-3;
    /// <summary>Label-noise level σ (0 = clean).</summary>
    public double Sigma { get; init; } = 4.0;
    /// <summary><c>rademacher</c> (±σ) or <c>gaussian</c>.</summary>
    public string Noise { get; init; } = "rademacher";
    /// <summary>Samples per step (sgd).</summary>
    public int Batch { get; init; } = 1;
    /// <summary>Number of optimiser steps.</summary>
    public long Steps { get; init; } = 100_000;
    /// <summary>The one seed from which data, initialisation and every draw derive.</summary>
    public ulong Seed { get; init; }
    /// <summary><c>dense</c> or <c>sparse</c>.</summary>
    public string Teacher { get; init; } = "dense";
    /// <summary>‖θ⋆‖.</summary>
    public double TeacherNorm { get; init; } = 1.0;
    /// <summary>Nonzero coordinates of a sparse teacher.</summary>
    public int TeacherK { get; init; } = 1;
    /// <summary>Multiplier of W(0)'s standard deviation 1/√d.</summary>
    public double InitScaleW { get; init; } = 1.0;
    /// <summary>Multiplier of a(0)'s standard deviation 1/√m.</summary>
    public double InitScaleA { get; init; } = 1.0;
    /// <summary>Record metrics every K steps (and always at the first and last step).</summary>
    public long RecordEvery { get; init; } = 1000;
    /// <summary>A name in <see cref="ConfigSchema.Optimisers"/>: <c>sgd</c>, <c>gd</c>, <c>sam</c>, <c>sam-gd</c>, <c>oscillation</c>, <c>langevin</c>, <c>momentum</c>.</summary>
    public string Optimizer { get; init; } = "sgd";
    /// <summary>SAM radius ρ.</summary>
    public double Rho { get; init; } = 0.05;
    /// <summary>Noise schedule: constant, periodic, piecewise, linear or exponential.</summary>
    public string Schedule { get; init; } = "constant";
    /// <summary>Periodic schedule: steps with noise on.</summary>
    public long PeriodOn { get; init; } = 5000;
    /// <summary>Periodic schedule: steps with noise off.</summary>
    public long PeriodOff { get; init; } = 5000;
    /// <summary>Piecewise schedule: "start:factor,start:factor,…", starts increasing from 0.</summary>
    public string SchedulePoints { get; init; } = "0:1";
    /// <summary>Linear decay: steps over which σ falls to decay_end·σ (0 = the whole run).</summary>
    public long DecaySteps { get; init; }
    /// <summary>Linear decay: the final factor of σ.</summary>
    public double DecayEnd { get; init; }
    /// <summary>Exponential decay: steps for σ to halve.</summary>
    public double HalfLife { get; init; } = 10_000;
    /// <summary>Number of evenly spaced per-neuron snapshots, first and last step included.</summary>
    public int Snapshots { get; init; } = 5;
    /// <summary>The neuron whose (‖w_i‖², ⟨w_i, θ⋆⟩, a_i) is traced at every record.</summary>
    public int TraceNeuron { get; init; }
    /// <summary><c>auto</c>, <c>dense</c> or <c>gram</c>.</summary>
    public string Engine { get; init; } = "auto";
    /// <summary>How many neurons each snapshot holds: a seeded sample with the traced neuron (null = all m; 0 = no snapshots).</summary>
    public int? SnapshotNeurons { get; init; } = 1000;
    /// <summary>
    /// The step size relative to the stable one at initialisation: η = EtaRelative · 2/λ(θ₀)
    /// (docs/STEP-SIZE.md); null = <see cref="Eta"/> as given. Resolved by <see cref="RunSpec.Resolve(RunConfig)"/>.
    /// </summary>
    public double? EtaRelative { get; init; }
    /// <summary>Momentum's velocity decay β in [0, 1).</summary>
    public double Beta { get; init; } = 0.9;
}
