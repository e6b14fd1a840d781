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

    /// <summary>
    /// One independent piece of a seed's measurements. <see cref="Run"/> does the simulations and
    /// returns the change it makes to the seed's record; <see cref="Assemble"/> applies the changes
    /// in job order, so the record does not depend on which job finished first or on which thread.
    /// <see cref="Cost"/> is the piece's CPU seconds as measured on the 2-core development machine:
    /// it only orders the work (longest first), never changes a value.
    /// </summary>
    public sealed record Job(ulong Seed, string Name, double Cost, Func<Func<SeedMeasurements, SeedMeasurements>> Run);

    /// <summary>Runs everything for <paramref name="seed"/>, one job after the other.</summary>
    public static SeedMeasurements Measure(ulong seed, bool quick, Parts? parts = null)
    {
        parts ??= new Parts();
        return Assemble(seed, parts, [.. Jobs(seed, quick, parts).Select(j => j.Run())]);
    }

    /// <summary>The seed's record from its jobs' changes, applied in the order of <see cref="Jobs"/>.</summary>
    public static SeedMeasurements Assemble(ulong seed, Parts parts, IEnumerable<Func<SeedMeasurements, SeedMeasurements>> changes) =>
        changes.Aggregate(new SeedMeasurements { Seed = seed, HasPresets = parts.Presets }, (record, change) => change(record));

    /// <summary>The independent pieces of <paramref name="seed"/>'s measurements, in the order their changes apply.</summary>
    public static IReadOnlyList<Job> Jobs(ulong seed, bool quick, Parts parts)
    {
        var jobs = new List<Job>();
        Job J(string name, double cost, Func<Func<SeedMeasurements, SeedMeasurements>> run) => new(seed, name, cost, run);
        if (parts.Presets) jobs.AddRange(PresetJobs(seed).Select(p => J(p.Name, p.Cost, p.Run)));
        if (parts.Lemma3) jobs.Add(J("lemma3-per-neuron", 0.1, () =>
        {
            Lemma3Neurons[] values = [.. ClaimSettings.Lemma3PerNeuron.Select(s => Lemma3PerNeuron(seed, s.D, s.M))];
            return r => r with { Lemma3PerNeuron = values };
        }));
        if (parts.LemmasFiveSix)
        {
            jobs.Add(J("lemma5-gd", 1.6, () => { var v = PhaseTwo(ClaimSettings.PhaseTwoEntry(seed, "gd")); return r => r with { Gd = v }; }));
            jobs.Add(J("lemma5-sgd", 0.2, () => { var v = PhaseTwo(ClaimSettings.PhaseTwoEntry(seed, "sgd")); return r => r with { LabelNoise = v }; }));
        }
        if (parts.Attribution) jobs.Add(J("attribution", quick ? 0.4 : 1.2, () => { var v = Attribute(seed, quick); return r => r with { Attribution = v }; }));
        if (parts.NoiseTypes)
        {
            // Every Phase II leg starts from label noise's state after its Phase I: computed once per seed, by whichever leg asks first.
            var start = new Lazy<(RunSpec Label, Core.Networks.Network State)>(() => NoiseTypeStart(seed));
            foreach (var type in ClaimSettings.NoiseTypes)
                jobs.Add(J($"noise-type-{type.Name}", type.Name switch { "langevin" => 18.0, "label-gd" => 2.7, _ => 0.5 }, () =>
                {
                    var leg = NoiseTypeLeg(seed, quick, type.Name, start.Value);
                    var run = Summarise(leg.Name, leg.PhaseOne, leg.PhaseTwo);
                    return r => r with { NoiseTypes = [.. r.NoiseTypes ?? [], run], NoiseTypeLegs = [.. r.NoiseTypeLegs ?? [], leg] };
                }));
        }
        return jobs;
    }

    private static RunConfig Preset(string name, ulong seed) => Core.Simulations.Presets.Find(name)!.Config with { Seed = seed };

    // The preset runs of one seed, one job per independent run (or pair of runs a row compares).
    private static IEnumerable<(string Name, double Cost, Func<Func<SeedMeasurements, SeedMeasurements>> Run)> PresetJobs(ulong seed)
    {
        yield return ("fig2", 2.5, () =>
        {
            var noise = MeasuredRun.Of(Preset("fig2", seed));
            var clean = MeasuredRun.Of(Preset("fig2-clean", seed));
            var (n, c) = (RunSummary.Of(noise.Trajectory), RunSummary.Of(clean.Trajectory));
            var phases = PhaseRules.Of(noise.Trajectory.Rows);
            var (noiseFinal, cleanFinal) = (noise.Trajectory.Final!, clean.Trajectory.Final!);
            var conditionReached = noise.Phases().PhaseTwoCondition is not null;
            var referenceGap = Late(noise) - Late(clean);
            var (maxAbsA, initialMaxAbsA) = (TimeWindow.Max(noise.Trajectory.Rows, r => r.MaxAbsA), noise.Trajectory.Rows[0].MaxAbsA);
            var rank = (Sparsity.EffectiveRank(noiseFinal), Sparsity.EffectiveRank(cleanFinal));
            var participation = (Sparsity.NeuronParticipation(noiseFinal), Sparsity.NeuronParticipation(cleanFinal));
            var cleanLazy = clean.Trajectory.Rows[^1].LazyStat;
            return r => r with
            {
                NoiseMinNormRatio = n.MinMeanWSq / n.InitialMeanWSq,
                CleanNormChange = Math.Abs(c.FinalMeanWSq / c.InitialMeanWSq - 1),
                CleanLazyStat = cleanLazy,
                NoiseFinalCos = n.FinalMeanCos,
                NoisePhasesInOrder = phases.PhaseOne && phases.PhaseTwo,
                PhaseTwoConditionReached = conditionReached,
                ReferenceTestGap = referenceGap,
                NoiseMaxAbsA = maxAbsA,
                NoiseInitialMaxAbsA = initialMaxAbsA,
                EffectiveRank = rank,
                Participation = participation,
            };
        });
        yield return ("escape", 0.05, () =>
        {
            var c = Preset("fig2", seed);
            var step = ScalingStudy.Measure(c.Sigma, c.Eta, c.M, seed).EscapeStep;
            return r => r with { NoiseEscapeStep = step };
        });
        yield return ("identity", 0.2, () => { var v = IdentityError(Preset("fig2", seed) with { M = 200 }, 2000); return r => r with { IdentityMaxError = v }; });
        yield return ("lemma3-frequencies", 0.45, () => { var v = Lemma3Frequencies.Measure(RunSpec.Resolve(Preset("fig2", seed)), 2000); return r => r with { Lemma3 = v }; });
        yield return ("drift", 0.5, () =>
        {
            var (ratio, share) = Drift(Preset("fig2", seed));
            return r => r with { DriftRatio = ratio, DriftNoiseShare = share };
        });
        yield return ("periodic", 0.2, () =>
        {
            var periodic = MeasuredRun.Of(Preset("periodic", seed));
            var schedule = RunSpec.BuildSchedule(periodic.Config);
            var (on, off, _, _) = RunSummary.ChangeByNoiseWindow(periodic.Trajectory.Rows, t => schedule.Factor(t) > 0);
            var (aOn, aOff) = NoiseWindows.MeanAbsChange(periodic.Trajectory.Rows, t => schedule.Factor(t) > 0, x => x.ANorm);
            return r => r with { PeriodicOffOnRatio = Math.Abs(off) / Math.Abs(on), PeriodicASettleRatio = aOff / aOn };
        });
        yield return ("oscillation", 2.0, () =>
        {
            var v = RunSummary.Of(MeasuredRun.Of(Preset("oscillation", seed)).Trajectory).MinMeanWSq;
            return r => r with { OscillationMinNorm = v };
        });
        yield return ("sam", 1.2, () =>
        {
            var sam = RunSummary.Of(MeasuredRun.Of(Preset("fig4-sam", seed)).Trajectory);
            return r => r with { SamFinalCos = sam.FinalMeanCos, SamMinNormRatio = sam.MinMeanWSq / sam.InitialMeanWSq };
        });
        // n < d: the two runs are independent jobs. Their changes apply in this order, so the gap is
        // (0 + label noise's) − plain SGD's: the same bytes as Late(noise) − Late(clean).
        var overparam = Preset("fig2", seed) with { N = 30, D = 60, RecordEvery = 50_000 };
        yield return ("overparam-noise", 5.0, () => { var v = Late(MeasuredRun.Of(overparam)); return r => r with { OverparamTestGap = r.OverparamTestGap + v }; });
        yield return ("overparam-clean", 5.0, () => { var v = InterpolatedTestLoss(overparam with { Sigma = 0 }); return r => r with { OverparamTestGap = r.OverparamTestGap - v }; });
    }

    /// <summary>
    /// Plain SGD's time-averaged test loss, stopping where it interpolates. Once the train loss is
    /// at the rounding floor (&lt; <see cref="ClaimSettings.InterpolatedTrainLoss"/>) every per-sample
    /// gradient is at rounding level and the run stands still: at n = 30, d = 60 (seed 0) the test loss
    /// of the records from 50,000 (the first where it interpolates) to 2,500,000 steps agrees to 15 digits, so the average over the
    /// last fifth of the full run is the value at that record. A run that never gets there is run
    /// to its end and averaged as before.
    /// </summary>
    public static double InterpolatedTestLoss(RunConfig config)
    {
        var spec = RunSpec.Resolve(config);
        var engine = EngineChoice.Resolve(config, spec.Optimiser).ValueOrThrow();
        var rows = new List<MetricRow>();
        foreach (var e in Simulation.Run(spec, engine).OfType<RunEvent.Recorded>())
        {
            if (e.Row.Step > 0 && e.Row.TrainLoss < ClaimSettings.InterpolatedTrainLoss) return e.Row.TestLoss;
            rows.Add(e.Row);
        }
        return TimeWindow.MeanOverLast(rows, 0.2, r => r.TestLoss);
    }

    // Test loss averaged over the last fifth of the run (a stationary quantity).
    private static double Late(MeasuredRun run) => TimeWindow.MeanOverLast(run.Trajectory.Rows, 0.2, r => r.TestLoss);

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
        var start = NoiseTypeStart(seed);
        return [.. ClaimSettings.NoiseTypes.Select(t => NoiseTypeLeg(seed, quick, t.Name, start))];
    }

    /// <summary>The noise types' shared start of Phase II: label noise's problem and its state after Phase I.</summary>
    public static (RunSpec Label, Core.Networks.Network State) NoiseTypeStart(ulong seed)
    {
        var baseConfig = ClaimSettings.NoiseTypeBase(seed);
        var label = RunSpec.Resolve(ClaimSettings.NoiseTypes.First(t => t.Name == "label").Apply(baseConfig));
        return (label, Branch.StateAt(label, Engine.Dense, baseConfig.Steps)!);
    }

    /// <summary>One noise type's two legs: Phase I from Eq. 5's start, Phase II from <paramref name="start"/>.</summary>
    public static (string Name, Trajectory PhaseOne, Trajectory PhaseTwo) NoiseTypeLeg(ulong seed, bool quick, string name, (RunSpec Label, Core.Networks.Network State) start)
    {
        var baseConfig = ClaimSettings.NoiseTypeBase(seed);
        var config = ClaimSettings.NoiseTypes.First(t => t.Name == name).Apply(baseConfig);
        var leg = ClaimSettings.NoiseTypePhaseTwoSteps(quick);
        var phaseOne = MeasuredRun.Of(config).Trajectory;
        var spec = Branch.From(start.Label, start.State, config with { Steps = leg, RecordEvery = leg / 50 }).Spec!;
        var engine = EngineChoice.Resolve(spec.Config, spec.Optimiser).ValueOrThrow();
        return (name, phaseOne, Simulation.Collect(spec, engine));
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
