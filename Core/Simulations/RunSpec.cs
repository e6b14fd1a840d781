using System.Collections.Immutable;
using Lnsgd.Core.Measures;
using Lnsgd.Core.Networks;
using Lnsgd.Core.Problems;
using Lnsgd.Core.Training;

namespace Lnsgd.Core.Simulations;

/// <summary>
/// A run with everything resolved: the problem drawn, the network initialised, the optimiser
/// built and the record steps fixed. <see cref="Resolve(RunConfig)"/> is pure: same config, same spec.
/// With <c>eta_relative</c> set, <c>Config.Eta</c> is the resolved step size.
/// </summary>
public sealed record RunSpec(
    RunConfig Config, SyntheticProblem Problem, Network Initial, Optimiser Optimiser,
    ImmutableArray<long> SnapshotSteps)
{
    /// <summary>Equal config, problem, initial network and optimiser, and the same snapshot steps.</summary>
    public bool Equals(RunSpec? other) =>
        other is not null && Config == other.Config && Problem == other.Problem && Initial == other.Initial
        && Optimiser == other.Optimiser && Elementwise.Equal(SnapshotSteps, other.SnapshotSteps);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Config, Problem, Initial, Optimiser, Elementwise.Hash(SnapshotSteps));

    /// <summary>The neurons each snapshot holds, in increasing order (<see cref="NeuronSample"/>); empty: no snapshots.</summary>
    public ImmutableArray<int> SnapshotNeurons { get; init; } = [];

    /// <summary>2/λ(θ₀) for this optimiser (<see cref="Curvature.Effective"/>): the step size η is measured against.</summary>
    public double StableEta { get; init; } = double.PositiveInfinity;

    /// <summary>The curvatures at θ₀ behind <see cref="StableEta"/>.</summary>
    public StepCurvature? InitialCurvature { get; init; }

    /// <summary>
    /// Builds the spec of <paramref name="c"/>. A config the CLI would refuse throws an
    /// <see cref="ArgumentException"/> whose message is the CLI's line (<see cref="ConfigSchema.Validate"/>).
    /// </summary>
    public static RunSpec Resolve(RunConfig c) => Resolve(c, null, null);

    /// <summary>As <see cref="Resolve(RunConfig)"/>, with the refusal as a value instead of an exception.</summary>
    public static Result<RunSpec> TryResolve(RunConfig c) =>
        ConfigSchema.Validate(c) is { } error ? Result.Error<RunSpec>(error) : Result.Ok(Resolve(c));

    /// <summary>
    /// As <see cref="Resolve(RunConfig)"/>, but a non-null <paramref name="problem"/> or
    /// <paramref name="initial"/> replaces the one drawn from the seed (user-supplied data or
    /// weights). Their sizes must match the config's n, n_test, d and m.
    /// </summary>
    public static RunSpec Resolve(RunConfig c, SyntheticProblem? problem, Network? initial)
    {
        if (ConfigSchema.Validate(c) is { } invalid) throw new ArgumentException(invalid);
        if (problem is not null && (problem.N, problem.NTest, problem.D) != (c.N, c.NTest, c.D))
            throw new ArgumentException($"the problem has (n, n_test, d) = ({problem.N}, {problem.NTest}, {problem.D}) but the config says ({c.N}, {c.NTest}, {c.D})");
        if (initial is not null && (initial.M, initial.D) != (c.M, c.D))
            throw new ArgumentException($"the initial network has (m, d) = ({initial.M}, {initial.D}) but the config says ({c.M}, {c.D})");
        Teacher teacher = c.Teacher == "sparse" ? new Teacher.Sparse(c.TeacherK) : new Teacher.Dense();
        problem ??= SyntheticProblem.Generate(c.N, c.NTest, c.D, teacher, c.TeacherNorm, c.Seed);
        var optimiser = BuildOptimiser(c);
        initial = Optimisers.Init(optimiser, initial ?? Initialisation.Ntk(c.M, c.D, c.Seed, c.InitScaleW, c.InitScaleA), c.Seed).Net;
        // The curvature at θ₀ depends on the optimiser's kind and batch, not on η, so eta_relative
        // resolves after it (Init uses η only in the oscillation simulation, which cannot have eta_relative).
        var curvature = Curvature.Effective(optimiser, problem, initial);
        var stable = Curvature.StableStepSize(curvature.Effective);
        if (c.EtaRelative is { } relative)
        {
            c = c with { Eta = relative * stable };
            optimiser = BuildOptimiser(c);
        }
        var neurons = NeuronSample.Of(c.M, c.SnapshotNeurons, c.TraceNeuron, c.Seed);
        return new RunSpec(c, problem, initial, optimiser, neurons.IsEmpty ? [] : SnapshotStepsOf(c.Steps, c.Snapshots))
        {
            SnapshotNeurons = neurons,
            StableEta = stable,
            InitialCurvature = curvature,
        };
    }

    /// <summary>The optimiser a config names.</summary>
    public static Optimiser BuildOptimiser(RunConfig c)
    {
        NoiseLaw law = c.Noise switch
        {
            "gaussian" => new NoiseLaw.Gaussian(),
            "rademacher" => new NoiseLaw.Rademacher(),
            _ => throw Refused(c, "noise"),
        };
        var noise = new LabelNoise(law, c.Sigma, BuildSchedule(c));
        return ConfigSchema.Optimisers.FirstOrDefault(o => o.Name == c.Optimizer) is { } entry
            ? entry.Build(c, noise)
            : throw Refused(c, "optimizer");
    }

    /// <summary>The noise schedule a config names.</summary>
    public static NoiseSchedule BuildSchedule(RunConfig c) => c.Schedule switch
    {
        "periodic" => new NoiseSchedule.Periodic(c.PeriodOn, c.PeriodOff),
        "piecewise" => new NoiseSchedule.Piecewise(SchedulePoints.TryParse(c.SchedulePoints) ?? [(0, 1.0)]),
        "linear" => new NoiseSchedule.LinearDecay(c.DecaySteps > 0 ? c.DecaySteps : c.Steps, c.DecayEnd),
        "exponential" => new NoiseSchedule.ExponentialDecay(c.HalfLife),
        "constant" => new NoiseSchedule.Constant(),
        _ => throw Refused(c, "schedule"),
    };

    // An unknown name: the CLI's line for that key.
    private static ArgumentException Refused(RunConfig c, string key) => new(ConfigSchema.Find(key)!.Check(c));

    /// <summary>Whether metrics are recorded after <paramref name="step"/> steps.</summary>
    public bool IsRecordStep(long step) => step == 0 || step == Config.Steps || step % Config.RecordEvery == 0;

    /// <summary><paramref name="count"/> evenly spaced steps from 0 to <paramref name="steps"/>, rounded, distinct.</summary>
    public static ImmutableArray<long> SnapshotStepsOf(long steps, int count) =>
        [.. Enumerable.Range(0, count).Select(k => (long)Math.Round((double)k * steps / (count - 1))).Distinct()];
}
