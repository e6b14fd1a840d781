using System.Collections.Immutable;
using System.Globalization;
using Lnsgd.Core.Training;

namespace Lnsgd.Core.Simulations;

/// <summary>
/// The table of every config key. Help text, config files, <c>--set</c> and the manifest all
/// derive from it, so a key is documented exactly once.
/// </summary>
public static partial class ConfigSchema
{
    /// <summary>
    /// Every optimiser the <c>optimizer</c> key names: its spelling, its meaning (help), and how it is
    /// built from the config and the config's label noise (<see cref="RunSpec.BuildOptimiser"/>).
    /// Adding an optimiser adds a row here (and its own keys to <see cref="Keys"/>).
    /// </summary>
    public static ImmutableArray<OptimiserEntry> Optimisers { get; } =
    [
        new("sgd", "mini-batch (label noise) SGD", (c, noise) => Optimiser.Sgd(c.Eta, c.Batch, noise)),
        new("gd", "full batch", (c, noise) => Optimiser.Gd(c.Eta, noise)),
        new("sam", "normalised SAM around sgd", (c, noise) => Optimiser.Sam(c.Rho, Optimiser.Sgd(c.Eta, c.Batch, noise))),
        new("sam-gd", "normalised SAM around gd", (c, noise) => Optimiser.Sam(c.Rho, Optimiser.Gd(c.Eta, noise))),
        new("oscillation", "Eqs. 6-7", (c, _) => Optimiser.Oscillation(c.Eta)),
        new("langevin", "clean GD plus isotropic Gaussian noise with label noise's per-step variance at sigma (dense engine only)",
            (c, noise) => Optimiser.Langevin(c.Eta, c.Sigma, noise.Schedule)),
        new("momentum", "heavy-ball momentum on (label noise) SGD: velocity v <- beta v + gradient, step -eta v",
            (c, noise) => new Optimiser(new GradientOracle.Sample(c.Batch, noise), Ascent.Off, new MomentumStep(c.Eta, c.Beta))),
    ];

    /// <summary>All keys in documentation order.</summary>
    public static ImmutableArray<ConfigKey> Keys { get; } =
    [
        ConfigKey.Int("n", "training samples", 1, c => c.N, (c, v) => c with { N = v }),
        ConfigKey.Int("n_test", "test samples (fresh draws from the same law)", 1, c => c.NTest, (c, v) => c with { NTest = v }),
        ConfigKey.Int("d", "input dimension", 1, c => c.D, (c, v) => c with { D = v }),
        ConfigKey.Int("m", "width: number of neurons", 1, c => c.M, (c, v) => c with { M = v }),
        ConfigKey.Real("eta", "step size η (or set eta_relative instead)", "finite number > 0", v => v > 0, c => c.Eta, (c, v) => c with { Eta = v }),
        ConfigKey.Real("sigma", "label-noise level σ (0 = clean SGD / GD)", "finite number >= 0", v => v >= 0, c => c.Sigma, (c, v) => c with { Sigma = v }),
        ConfigKey.Choice("noise", "law of the label noise: ±σ or N(0, σ²)", ["rademacher", "gaussian"], c => c.Noise, (c, v) => c with { Noise = v }),
        ConfigKey.Int("batch", "samples per SGD step, drawn with replacement (at most n)", 1, c => c.Batch, (c, v) => c with { Batch = v }),
        ConfigKey.Long("steps", "optimiser steps", 1, c => c.Steps, (c, v) => c with { Steps = v }),
        new ConfigKey("seed", "seed of data, initialisation and every random draw", "integer in [0, 2^64)",
            c => c.Seed.ToString(CultureInfo.InvariantCulture),
            (c, s) => NumberText.Unsigned(s) is { } v ? c with { Seed = v } : null),
        ConfigKey.Choice("teacher", "θ⋆: random direction or k-sparse", ["dense", "sparse"], c => c.Teacher, (c, v) => c with { Teacher = v }),
        ConfigKey.Real("teacher_norm", "‖θ⋆‖", "finite number >= 0", v => v >= 0, c => c.TeacherNorm, (c, v) => c with { TeacherNorm = v }),
        ConfigKey.Int("teacher_k", "nonzero coordinates of a sparse θ⋆ (at most d)", 1, c => c.TeacherK, (c, v) => c with { TeacherK = v }),
        ConfigKey.Real("init_scale_w", "multiplier of W(0)'s std 1/√d (Eq. 5)", "finite number >= 0", v => v >= 0, c => c.InitScaleW, (c, v) => c with { InitScaleW = v }),
        ConfigKey.Real("init_scale_a", "multiplier of a(0)'s std 1/√m (Eq. 5)", "finite number >= 0", v => v >= 0, c => c.InitScaleA, (c, v) => c with { InitScaleA = v }),
        ConfigKey.Long("record_every", "record metrics every K steps (first and last step always)", 1, c => c.RecordEvery, (c, v) => c with { RecordEvery = v }),
        ConfigKey.Choice("optimizer", string.Join("; ", Optimisers.Select(o => $"{o.Name}: {o.Meaning}")), [.. Optimisers.Select(o => o.Name)], c => c.Optimizer, (c, v) => c with { Optimizer = v }),
        ConfigKey.Real("rho", "SAM radius ρ (0 = the base optimiser exactly)", "finite number >= 0", v => v >= 0, c => c.Rho, (c, v) => c with { Rho = v }),
        ConfigKey.Choice("schedule", "noise level over time: σ(t) = σ·factor(t)", ["constant", "periodic", "piecewise", "linear", "exponential"], c => c.Schedule, (c, v) => c with { Schedule = v }),
        ConfigKey.Long("period_on", "periodic: steps with noise on (each period starts on)", 1, c => c.PeriodOn, (c, v) => c with { PeriodOn = v }),
        ConfigKey.Long("period_off", "periodic: steps with noise off", 0, c => c.PeriodOff, (c, v) => c with { PeriodOff = v }),
        new ConfigKey("schedule_points", "piecewise: factor from each start step", "\"start:factor,...\", starts increasing from 0, factors >= 0",
            c => c.SchedulePoints, (c, s) => SchedulePoints.TryParse(s) is null ? null : c with { SchedulePoints = s }),
        ConfigKey.Long("decay_steps", "linear: steps over which σ falls to decay_end·σ (0 = all steps)", 0, c => c.DecaySteps, (c, v) => c with { DecaySteps = v }),
        ConfigKey.Real("decay_end", "linear: final factor of σ", "finite number >= 0", v => v >= 0, c => c.DecayEnd, (c, v) => c with { DecayEnd = v }),
        ConfigKey.Real("half_life", "exponential: steps for σ to halve", "finite number > 0", v => v > 0, c => c.HalfLife, (c, v) => c with { HalfLife = v }),
        ConfigKey.Int("snapshots", "evenly spaced per-neuron snapshots, first and last step included", 2, c => c.Snapshots, (c, v) => c with { Snapshots = v }),
        ConfigKey.Int("trace_neuron", "the neuron traced at every record (below m)", 0, c => c.TraceNeuron, (c, v) => c with { TraceNeuron = v }),
        ConfigKey.Choice("engine", "auto: gram where valid, else dense; dense: O(md) per step; gram: O(d²) per step", ["auto", "dense", "gram"], c => c.Engine, (c, v) => c with { Engine = v }),
        new ConfigKey("snapshot_neurons", "neurons per snapshot: a seeded sample that includes trace_neuron (all: every neuron, about 50 bytes each per snapshot in snapshots.csv; 0: no snapshots)", "all, or integer >= 0",
            c => c.SnapshotNeurons is { } k ? k.ToString(CultureInfo.InvariantCulture) : "all",
            (c, s) => s == "all" ? c with { SnapshotNeurons = null }
                : int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0 ? c with { SnapshotNeurons = v } : null),
        new ConfigKey("eta_relative", "step size relative to the stable one at initialisation: eta = eta_relative * 2/lambda(theta_0), resolved into eta (docs/STEP-SIZE.md); none: eta as given", "none, or finite number > 0",
            c => c.EtaRelative is { } r ? r.ToString("R", CultureInfo.InvariantCulture) : "none",
            (c, s) => s == "none" ? c with { EtaRelative = null }
                : double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v > 0 ? c with { EtaRelative = v } : null),
        ConfigKey.Real("beta", "momentum: decay of the velocity (0 = sgd up to rounding)", "finite number in [0, 1)", v => v >= 0 && v < 1, c => c.Beta, (c, v) => c with { Beta = v }) with { Appended = true },
    ];

    /// <summary>Keys that may not both be set by the user (the second is derived from the first otherwise).</summary>
    public static ImmutableArray<(string First, string Second)> Exclusive { get; } = [("eta", "eta_relative")];

    /// <summary>
    /// One line naming two mutually exclusive keys that are both set in <paramref name="pairs"/>, or
    /// null. A key given as <c>none</c> (its "not set" value) does not count.
    /// </summary>
    public static string? ExclusiveError(IEnumerable<(string Key, string Value)> pairs)
    {
        var set = pairs.Where(p => p.Value.Trim() != "none").Select(p => p.Key).ToHashSet();
        foreach (var (first, second) in Exclusive)
            if (set.Contains(first) && set.Contains(second))
                return $"'{first}' and '{second}' both set: give one of them ({second} = x sets {first} = x * 2/lambda(theta_0), the stable step size at initialisation)";
        return null;
    }

    /// <summary>The key named <paramref name="name"/>, or null.</summary>
    public static ConfigKey? Find(string name) => Keys.FirstOrDefault(k => k.Name == name);

    /// <summary>Every key with its value in <paramref name="config"/>, in schema order.</summary>
    public static ImmutableArray<(string Key, string Value)> Describe(RunConfig config) =>
        [.. Keys.Select(k => (k.Name, k.Show(config)))];

    /// <summary>Constraints between keys; null when the config is consistent.</summary>
    public static string? CrossCheck(RunConfig c) =>
        c.Batch > c.N ? $"invalid value for 'batch': '{c.Batch}' (allowed: integer in [1, n] = [1, {c.N}])"
        : c.Teacher == "sparse" && c.TeacherK > c.D ? $"invalid value for 'teacher_k': '{c.TeacherK}' (allowed: integer in [1, d] = [1, {c.D}])"
        : c.TraceNeuron >= c.M ? $"invalid value for 'trace_neuron': '{c.TraceNeuron}' (allowed: integer in [0, m) = [0, {c.M}))"
        : c.EtaRelative is not null && c.Optimizer == "oscillation" ? "invalid value for 'eta_relative': the oscillation simulation's eta sets its chain's amplitude eta^(1/4); give eta"
        : (long)c.M * c.D > 500_000_000L ? $"invalid value for 'm': '{c.M}' (allowed: m·d at most 5e8 so W fits in memory)"
        : null;
}
