using Lnsgd.Core.Numerics;
using System.Collections.Immutable;
using FsCheck.Xunit;
using Lnsgd.Core;
using Lnsgd.Core.Measures;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Theory;
using Lnsgd.Core.Training;
using Xunit;
using Net = Lnsgd.Core.Networks.Network;

namespace Lnsgd.Properties;

/// <summary>The theory layer: the exact expected drift, phase detection and exponent fitting.</summary>
public class TheoryTests
{
    // From one fixed state, K single steps with independent draws (different step indices)
    // estimate E[Δ(‖w_i‖² − a_i²)]. The tolerance is 5 standard errors of that mean, from the
    // sample's own spread: a correct enumeration fails with probability below 1e-6.
    [Property(MaxTest = 12)]
    public bool The_enumerated_drift_equals_the_monte_carlo_mean_of_single_steps(int raw, ulong seed)
    {
        var config = Generators.Config(raw, seed, optimisers: ["sgd"]) with { Batch = 1, Sigma = 2.0, Schedule = "constant" };
        var spec = RunSpec.Resolve(config);
        var net = spec.Initial;
        const int samples = 20_000;
        var neuron = (int)((uint)raw % (uint)config.M);
        var expected = ExpectedDrift.Of(spec.Problem, net, neuron, config.Eta, config.Sigma).Total;
        double sum = 0, sumSq = 0;
        for (var t = 0; t < samples; t++)
        {
            var g = Gradient.At(spec.Optimiser, spec.Problem, net.Theta(), config.Seed, t);
            var delta = TwoLayerUpdate.BalanceChange(net.Neuron(neuron), net.A[neuron], g, config.Eta);
            sum += delta; sumSq += delta * delta;
        }
        var mean = sum / samples;
        var sd = Math.Sqrt(Math.Max(0, sumSq / samples - mean * mean));
        return Math.Abs(mean - expected) <= 5 * sd / Math.Sqrt(samples) + 1e-15 * Math.Abs(expected);
    }

    [Property(MaxTest = 100)]
    public bool The_label_noise_part_is_non_positive_when_the_second_layer_is_small(int seed, int rawM, double rawShrink)
    {
        var m = 1 + (int)((uint)rawM % 6);
        var shrink = double.IsFinite(rawShrink) ? Math.Abs(rawShrink) % 1.0 : 0.5;
        var problem = Lnsgd.Core.Problems.SyntheticProblem.Generate(8, 2, 4, new Lnsgd.Core.Problems.Teacher.Dense(), 1.0, (ulong)(uint)seed);
        var w = Generators.Vector(m * 4, seed);
        // a_i ≤ min_x |xᵀw_i| / ‖x‖: then |a_i|‖x‖ ≤ |xᵀw_i| for every training x.
        var a = Enumerable.Range(0, m).Select(i => shrink * Enumerable.Range(0, problem.N).Min(k =>
            Math.Abs(Kernels.Dot(w.AsSpan(i * 4, 4), problem.Row(k))) / Math.Sqrt(Kernels.SquaredNorm(problem.Row(k))))).ToArray();
        var net = Net.Own(m, 4, w, a);
        return Enumerable.Range(0, m).All(i => ExpectedDrift.Of(problem, net, i, 0.01, 3.0).Noise <= 0);
    }

    private static MetricRow Row(long step, double meanWSq, double meanCos, double escaped = 0, double thetaErr = 1) =>
        new(step, 0, 0, thetaErr, 0, meanWSq, 0, 0, 0, 0, 0, 0, meanCos, meanCos, 0, escaped, 0);

    [Fact]
    public void Detection_finds_the_boundaries_of_a_stream_built_with_known_phases()
    {
        // Log mean ‖w‖² falls linearly from 0 to −5 over steps 0..1000, then stays: 90 % of the
        // fall is done at step 900. Cosine sits at 0.2 until step 1500, then rises linearly to
        // 1.0 at step 2500: 10 % of the rise at 1600, 0.5 at 1875, 0.9 at 2375.
        var rows = Enumerable.Range(0, 301).Select(k =>
        {
            long t = k * 10;
            var log = t < 1000 ? -5.0 * t / 1000 : -5.0;
            var cos = t < 1500 ? 0.2 : Math.Min(1.0, 0.2 + 0.8 * (t - 1500) / 1000.0);
            return Row(t, Math.Exp(log), cos, escaped: t >= 400 ? 1 : 0.5, thetaErr: t >= 2700 ? 0.01 : 1);
        }).ToList();
        var extremes = rows.Select(r => new NeuronExtremes(r.Step, r.Step >= 2000 ? 0.01 : 1, 0.01)).ToList();
        var phases = PhaseDetector.Detect(rows, extremes, eta: 1e-3, tolerance: 0.05);
        Assert.Equal(900, phases.PhaseOneEnd);
        Assert.Equal(1600, phases.AlignmentStart);
        Assert.Equal(1880, phases.MeanCos05);      // first record at or past 1875
        Assert.Equal(2380, phases.MeanCos09);
        Assert.Equal(400, phases.AllEscaped);
        Assert.Equal(2000, phases.PhaseTwoCondition);
        Assert.Equal(2700, phases.Converged);
    }

    [Fact]
    public void Detection_ignores_isolated_noisy_records()
    {
        var rows = Enumerable.Range(0, 501).Select(k =>
        {
            long t = k;
            var log = t < 200 ? -4.0 * t / 200 : -4.0;
            if (k % 37 == 5) log -= 3;                     // spikes the smoothing must ignore
            return Row(t, Math.Exp(log), 0.2);
        }).ToList();
        Assert.InRange(PhaseDetector.PhaseOneEnd(rows)!.Value, 178, 182);
        Assert.Null(PhaseDetector.AlignmentStart(rows));
    }

    [Property(MaxTest = 100)]
    public bool Fitting_recovers_the_exponents_of_exact_power_law_data(int rawA, int rawB, int rawC)
    {
        double Exponent(int raw) => ((int)((uint)raw % 81) - 40) / 10.0;  // −4.0 … 4.0
        var (a, b, c) = (Exponent(rawA), Exponent(rawB), Exponent(rawC));
        var samples = (from s in new[] { 1.0, 2.0, 4.0 } from e in new[] { 1e-3, 3e-3, 1e-2 } from m in new[] { 100.0, 1000.0 }
                       select (new[] { s, e, m }, 7.0 * Math.Pow(s, a) * Math.Pow(e, b) * Math.Pow(m, c))).ToList();
        var fit = PowerLawFit.Fit(["sigma", "eta", "m"], samples);
        return fit.Zip(new[] { a, b, c }).All(p => Math.Abs(p.First.Value - p.Second) < 1e-9 && p.First.High - p.First.Low < 1e-6);
    }

    [Fact]
    public void The_interval_of_a_known_sample_matches_the_t_formula()
    {
        var i = Interval.Of([1.0, 2.0, 3.0, 4.0]);
        // mean 2.5, sd √(5/3), t(3, 0.975) = 3.182446305284263
        var half = 3.182446305284263 * Math.Sqrt(5.0 / 3.0) / 2;
        Assert.Equal(2.5, i.Mean, 12);
        Assert.Equal(2.5 - half, i.Low, 9);
        Assert.Equal(2.5 + half, i.High, 9);
    }
}
