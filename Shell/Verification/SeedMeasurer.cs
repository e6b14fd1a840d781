using Lnsgd.Core.Numerics;
using Lnsgd.Core;
using Lnsgd.Core.Claims;
using Lnsgd.Core.Engines;
using Lnsgd.Core.Measures;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Theory;
using Lnsgd.Core.Training;

namespace Lnsgd.Shell.Verification;

/// <summary>
/// Runs the simulations behind one seed's <see cref="SeedMeasurements"/> (the presets, the
/// branches and the side settings of <see cref="ClaimSettings"/>); <see cref="ClaimSuite"/>
/// turns the values of all seeds into rows.
/// </summary>
public static class SeedMeasurer
{
    /// <summary>What a seed runs: everything, or only the parts a test needs.</summary>
    public sealed record Parts(bool Presets = true, bool Lemma3 = true, bool LemmasFiveSix = true, bool Attribution = true, bool NoiseTypes = true);

    /// <summary>Runs everything for <paramref name="seed"/>.</summary>
    public static SeedMeasurements Measure(ulong seed, bool quick, Parts? parts = null)
    {
        parts ??= new Parts();
        var result = new SeedMeasurements { Seed = seed, HasPresets = parts.Presets };
        if (parts.Presets) result = Presets(result, seed);
        if (parts.Lemma3) result = result with { Lemma3PerNeuron = [.. ClaimSettings.Lemma3PerNeuron.Select(s => Lemma3PerNeuron(seed, s.D, s.M))] };
        if (parts.LemmasFiveSix) result = result with { Gd = PhaseTwo(ClaimSettings.PhaseTwoEntry(seed, "gd")), LabelNoise = PhaseTwo(ClaimSettings.PhaseTwoEntry(seed, "sgd")) };
        if (parts.Attribution) result = result with { Attribution = Attribute(seed, quick) };
        if (parts.NoiseTypes)
        {
            var legs = NoiseTypeLegs(seed, quick);
            result = result with { NoiseTypes = [.. legs.Select(l => Summarise(l.Name, l.PhaseOne, l.PhaseTwo))], NoiseTypeLegs = legs };
        }
        return result;
    }

    private static RunConfig Preset(string name, ulong seed) => Core.Simulations.Presets.Find(name)!.Config with { Seed = seed };

    private static SeedMeasurements Presets(SeedMeasurements result, ulong seed)
    {
        var noise = MeasuredRun.Of(Preset("fig2", seed));
        var clean = MeasuredRun.Of(Preset("fig2-clean", seed));
        var sam = MeasuredRun.Of(Preset("fig4-sam", seed));
        var periodic = MeasuredRun.Of(Preset("periodic", seed));
        var oscillation = MeasuredRun.Of(Preset("oscillation", seed));
        var overparam = Preset("fig2", seed) with { N = 30, D = 60, RecordEvery = 50_000 };
        var overNoise = MeasuredRun.Of(overparam);
        var overClean = MeasuredRun.Of(overparam with { Sigma = 0 });

        var (n, c) = (RunSummary.Of(noise.Trajectory), RunSummary.Of(clean.Trajectory));
        var phases = PhaseRules.Of(noise.Trajectory.Rows);
        var samSummary = RunSummary.Of(sam.Trajectory);
        var schedule = RunSpec.BuildSchedule(periodic.Config);
        var (on, off, _, _) = RunSummary.ChangeByNoiseWindow(periodic.Trajectory.Rows, t => schedule.Factor(t) > 0);
        var (aOn, aOff) = NoiseWindows.MeanAbsChange(periodic.Trajectory.Rows, t => schedule.Factor(t) > 0, r => r.ANorm);
        var (driftRatio, noiseShare) = Drift(Preset("fig2", seed));
        double Late(MeasuredRun run) => TimeWindow.MeanOverLast(run.Trajectory.Rows, 0.2, r => r.TestLoss);
        var (noiseFinal, cleanFinal) = (noise.Trajectory.Final!, clean.Trajectory.Final!);

        return result with
        {
            NoiseMinNormRatio = n.MinMeanWSq / n.InitialMeanWSq,
            CleanNormChange = Math.Abs(c.FinalMeanWSq / c.InitialMeanWSq - 1),
            NoiseEscapeStep = ScalingStudy.Measure(noise.Config.Sigma, noise.Config.Eta, noise.Config.M, seed).EscapeStep,
            CleanLazyStat = clean.Trajectory.Rows[^1].LazyStat,
            NoiseFinalCos = n.FinalMeanCos,
            NoisePhasesInOrder = phases.PhaseOne && phases.PhaseTwo,
            PhaseTwoConditionReached = noise.Phases().PhaseTwoCondition is not null,
            IdentityMaxError = IdentityError(Preset("fig2", seed) with { M = 200 }, 2000),
            Lemma3 = Lemma3Frequencies.Measure(RunSpec.Resolve(Preset("fig2", seed)), 2000),
            DriftRatio = driftRatio,
            DriftNoiseShare = noiseShare,
            PeriodicOffOnRatio = Math.Abs(off) / Math.Abs(on),
            PeriodicASettleRatio = aOff / aOn,
            OscillationMinNorm = RunSummary.Of(oscillation.Trajectory).MinMeanWSq,
            SamFinalCos = samSummary.FinalMeanCos,
            SamMinNormRatio = samSummary.MinMeanWSq / samSummary.InitialMeanWSq,
            OverparamTestGap = Late(overNoise) - Late(overClean),
            ReferenceTestGap = Late(noise) - Late(clean),
            NoiseMaxAbsA = TimeWindow.Max(noise.Trajectory.Rows, r => r.MaxAbsA),
            NoiseInitialMaxAbsA = noise.Trajectory.Rows[0].MaxAbsA,
            EffectiveRank = (Sparsity.EffectiveRank(noiseFinal), Sparsity.EffectiveRank(cleanFinal)),
            Participation = (Sparsity.NeuronParticipation(noiseFinal), Sparsity.NeuronParticipation(cleanFinal)),
        };
    }

    /// <summary>Lemma 3 per neuron at (d, m): exact P(ΔW_i &gt; 0) of every lazy neuron at the first records of a batch-1 run.</summary>
    public static Lemma3Neurons Lemma3PerNeuron(ulong seed, int d, int m)
    {
        var steps = ClaimSettings.Lemma3Steps;
        var config = Preset("fig2", seed) with { D = d, M = m, Steps = steps[^1], RecordEvery = steps[1] - steps[0], Snapshots = 2, Engine = "dense" };
        var spec = RunSpec.Resolve(config);
        var bound = TheoryPredictions.Lemma3PositiveBound(m, d);
        long pairs = 0, above = 0;
        double max = 0, sum = 0;
        foreach (var e in Simulation.Run(spec, Engine.Dense).OfType<RunEvent.Recorded>())
        {
            var net = e.Net;
            var p = Lemma3Exact.PositiveProbabilities(spec.Problem, net, config.Sigma);
            for (var i = 0; i < m; i++)
            {
                if (Metrics.LazyDistance(net.Neuron(i), spec.Initial.Neuron(i), m) > 1.0) continue;
                pairs++;
                sum += p[i];
                max = Math.Max(max, p[i]);
                if (p[i] > bound) above++;
            }
        }
        return new Lemma3Neurons(d, m, bound, pairs == 0 ? 0 : (double)above / pairs, max, pairs == 0 ? 0 : sum / pairs);
    }

    /// <summary>Lemma 3's pooled P(ΔW &gt; 0) at initialisation for each (d, m) of the law (seed 0).</summary>
    public static Lemma3LawPoint Lemma3Law(int d, int m)
    {
        var spec = RunSpec.Resolve(Preset("fig2", 0) with { D = d, M = m });
        return new Lemma3LawPoint(d, m, Lemma3Exact.PositiveProbabilities(spec.Problem, spec.Initial, spec.Config.Sigma).Average());
    }

    /// <summary>A Lemma 5–6 run: alignment at T2 steps, error at T2 + T3 steps.</summary>
    public static PhaseTwoRun PhaseTwo(RunConfig config)
    {
        var run = MeasuredRun.Of(config);
        var rows = run.Trajectory.Rows;
        var root = Math.Sqrt(config.Eta);
        var t2 = TheoryPredictions.AlignmentSteps(config.Eta, config.TeacherNorm);
        var atT2 = rows.First(r => r.Step >= t2);
        var target = TheoryPredictions.AlignmentTarget(config.Eta);
        return new PhaseTwoRun(run.Extremes[0].MaxWNorm <= root && run.Extremes[0].MaxAbsA <= root,
            atT2.MinCos, atT2.MeanCos, rows[^1].MinCos, rows[^1].MeanCos, rows[^1].ThetaErr,
            RunSummary.FirstStep(rows, r => r.MinCos >= target));
    }

    /// <summary>Phase II attribution: fig2 to the branch step, then noise off, on and periodic from that state.</summary>
    public static Attribution Attribute(ulong seed, bool quick)
    {
        var parent = RunSpec.Resolve(Preset("fig2", seed));
        var state = Branch.StateAt(parent, Engine.Gram, ClaimSettings.AttributionBranchStep)!;
        var steps = ClaimSettings.AttributionSteps(quick);
        double FinalCos(RunConfig c)
        {
            var spec = Branch.From(parent, state, c with { Steps = steps, RecordEvery = steps / 50, Snapshots = 2 }).Spec!;
            return Simulation.Run(spec, Engine.Gram).OfType<RunEvent.Recorded>().Last().Row.MeanCos;
        }
        var start = RunSpec.Resolve(parent.Config with { Steps = 1, RecordEvery = 1, Snapshots = 2 }, parent.Problem, state);
        var startCos = Simulation.Run(start, Engine.Gram).OfType<RunEvent.Recorded>().First().Row.MeanCos;
        var c = parent.Config;
        return new Attribution(ClaimSettings.AttributionBranchStep, steps, startCos,
            FinalCos(c with { Sigma = 0 }), FinalCos(c), FinalCos(c with { Schedule = "periodic", PeriodOn = 5000, PeriodOff = 5000 }));
    }

    /// <summary>Every noise type from the same seed and start; Phase II legs from label noise's state after its Phase I.</summary>
    public static IReadOnlyList<(string Name, Trajectory PhaseOne, Trajectory PhaseTwo)> NoiseTypeLegs(ulong seed, bool quick)
    {
        var baseConfig = ClaimSettings.NoiseTypeBase(seed);
        var label = RunSpec.Resolve(ClaimSettings.NoiseTypes.First(t => t.Name == "label").Apply(baseConfig));
        var afterPhaseOne = Branch.StateAt(label, Engine.Dense, baseConfig.Steps)!;
        var leg = ClaimSettings.NoiseTypePhaseTwoSteps(quick);
        return [.. ClaimSettings.NoiseTypes.Select(t =>
        {
            var config = t.Apply(baseConfig);
            var phaseOne = MeasuredRun.Of(config).Trajectory;
            var spec = Branch.From(label, afterPhaseOne, config with { Steps = leg, RecordEvery = leg / 50 }).Spec!;
            var engine = EngineChoice.Resolve(spec.Config, spec.Optimiser).ValueOrThrow();
            return (t.Name, phaseOne, Simulation.Collect(spec, engine));
        })];
    }

    /// <summary>A noise type's row values from its two legs.</summary>
    public static NoiseTypeRun Summarise(string name, Trajectory phaseOne, Trajectory phaseTwo) =>
        new(name, phaseOne.Rows.Min(r => r.MeanWSq) / phaseOne.Rows[0].MeanWSq,
            phaseTwo.Rows[^1].MeanCos - phaseTwo.Rows[0].MeanCos, phaseTwo.Rows[^1].MeanCos);

    /// <summary>
    /// The largest deviation from the exact per-neuron identity over <paramref name="steps"/> pure
    /// steps, relative to the identity's own terms, counted only above the rounding floor of storing
    /// the weights (see Properties/IdentityTests).
    /// </summary>
    public static double IdentityError(RunConfig config, long steps)
    {
        var spec = RunSpec.Resolve(config);
        var state = Optimisers.Init(spec.Optimiser, spec.Initial);
        var worst = 0.0;
        for (long t = 0; t < steps; t++)
        {
            var g = Gradient.At(spec.Optimiser, spec.Problem, state.Net.Theta(), config.Seed, t);
            var next = Optimisers.Update(spec.Optimiser, spec.Problem, state, config.Seed);
            for (var i = 0; i < config.M; i++)
            {
                var (w, w2) = (state.Net.Neuron(i).ToArray(), next.Net.Neuron(i).ToArray());
                var (a, a2) = (state.Net.A[i], next.Net.A[i]);
                var measured = 0.0;
                for (var j = 0; j < w.Length; j++) measured += (w2[j] - w[j]) * (w2[j] + w[j]);
                measured -= (a2 - a) * (a2 + a);
                var s = Kernels.Dot(w, g);
                var scale = config.Eta * config.Eta * (a * a * Kernels.SquaredNorm(g) + s * s);
                var floor = 8 * 1.1102230246251565e-16 * (Kernels.SquaredNorm(w) + Kernels.SquaredNorm(w2) + a * a + a2 * a2);
                var excess = Math.Max(0, Math.Abs(measured - TwoLayerUpdate.BalanceChange(w, a, g, config.Eta)) - floor);
                if (scale > 0) worst = Math.Max(worst, excess / scale);
            }
            state = next;
        }
        return worst;
    }

    /// <summary>
    /// Measured over predicted change of mean ‖w_i‖² − a_i² over the first 10,000 steps: the
    /// prediction sums the exact expected drift at every 50th step times 50. (Sampling every
    /// 500th step biased the sum by about +1 %: the drift moves within 500 steps.) Also the
    /// share of the prediction that label noise contributes.
    /// </summary>
    public static (double Ratio, double NoiseShare) Drift(RunConfig config)
    {
        const int every = 50, steps = 10_000;
        var spec = RunSpec.Resolve(config with { Steps = steps, RecordEvery = every });
        var engine = EngineChoice.Resolve(spec.Config, spec.Optimiser).ValueOrThrow();
        double predicted = 0, noisePart = 0, first = 0, last = 0;
        foreach (var e in Simulation.Run(spec, engine))
        {
            if (e is not RunEvent.Recorded r) continue;
            if (r.Row.Step == 0) first = r.Row.MeanBalance;
            last = r.Row.MeanBalance;
            if (r.Row.Step == steps) break;
            var drift = ExpectedDrift.Mean(spec.Problem, r.Net, config.Eta, config.Sigma);
            predicted += every * drift.Total;
            noisePart += every * drift.Noise;
        }
        return ((last - first) / predicted, noisePart / predicted);
    }
}
