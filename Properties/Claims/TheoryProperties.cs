using FsCheck;
using FsCheck.Fluent;
using Lnsgd.Core.Engines;
using Lnsgd.Core.Measures;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Theory;
using MathNet.Numerics.Distributions;
using Xunit;

namespace Lnsgd.Properties.Claims;

/// <summary>
/// The theory's invariants as properties over generated configs: label noise shrinks the first
/// layer (Phase I), its part of the expected drift is ≤ 0 in the lazy regime, and from small
/// weights it raises the alignment (Phase II). The statistical ones compare paired runs (same
/// data, initialisation and sampled rows; σ on vs off) over R replicas and require a one-sided
/// Student-t bound at 99.9 % on the mean paired difference, so the tolerance comes from the
/// replicas' own spread; FsCheck's generator runs from a fixed seed, so the suite is deterministic.
/// </summary>
public class TheoryProperties
{
    private const int Replicas = 10;

    private static void Check(Func<int, bool> law, int cases) =>
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithReplay(20261129UL, 20261131UL).WithMaxTest(cases),
            Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), law));

    /// <summary>True when the mean of <paramref name="differences"/> is below 0 with 99.9 % one-sided confidence.</summary>
    internal static bool SurelyNegative(IReadOnlyList<double> differences)
    {
        var n = differences.Count;
        var mean = differences.Average();
        var sd = Math.Sqrt(differences.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        return mean + StudentT.InvCDF(0, 1, n - 1, 0.999) * sd / Math.Sqrt(n) < 0;
    }

    /// <summary>A lazy-regime config: m ≥ 8d so that ‖W x‖² ≫ ‖a‖²‖x‖² at Eq. 5's initialisation.</summary>
    private static RunConfig Lazy(int raw, ulong seed)
    {
        var r = (uint)raw;
        var d = 2 + (int)(r % 5); r /= 5;
        var n = 10 + (int)(r % 30); r /= 30;
        var m = 8 * d + (int)(r % 40);
        return new RunConfig { N = n, NTest = 10, D = d, M = m, Seed = seed, Sigma = 1.0, Batch = 1, RecordEvery = 1000, Snapshots = 2 };
    }

    [Fact]
    public void The_label_noise_part_of_the_expected_drift_is_not_positive_in_the_lazy_regime() =>
        Check(raw =>
        {
            var spec = RunSpec.Resolve(Lazy(raw, (ulong)raw));
            var drift = ExpectedDrift.Mean(spec.Problem, spec.Initial, 1e-3, 2.0);
            return drift.Noise <= 0;
        }, 100);

    [Fact]
    public void From_the_same_state_and_draws_label_noise_lowers_mean_w_sq_more_than_no_noise() =>
        Check(raw =>
        {
            var differences = Enumerable.Range(0, Replicas).Select(k =>
            {
                var c = Lazy(raw, (ulong)raw * 31 + (ulong)k);
                var spec = RunSpec.Resolve(c);
                // η at a tenth of the per-sample stable step; K steps make the expected shrink η²σ²K·O(1) ≈ 0.1.
                var eta = 0.1 * Curvature.StableStepSize(Curvature.PerSample(spec.Problem, spec.Initial));
                var steps = (long)Math.Min(50_000, Math.Ceiling(0.1 / (eta * eta * c.Sigma * c.Sigma)));
                double End(double sigma)
                {
                    var run = RunSpec.Resolve(c with { Eta = eta, Sigma = sigma, Steps = steps, RecordEvery = steps });
                    return Simulation.Collect(run, Engine.Gram).Rows[^1].MeanWSq;
                }
                return End(c.Sigma) - End(0.0);
            }).ToList();
            return SurelyNegative(differences);
        }, 6);

    [Fact]
    public void From_small_weights_label_noise_raises_mean_cos_more_than_no_noise() =>
        Check(raw =>
        {
            var r = (uint)raw;
            var differences = Enumerable.Range(0, Replicas).Select(k =>
            {
                // Small weights, as after Phase I: W at a tenth of Eq. 5's scale, a at half.
                var c = new RunConfig
                {
                    N = 20 + (int)(r % 20), NTest = 10, D = 3 + (int)(r / 20 % 3), M = 20 + (int)(r / 60 % 20), Seed = (ulong)raw * 31 + (ulong)k,
                    Eta = 0.01, Sigma = 1.0, InitScaleW = 0.1, InitScaleA = 0.5, Steps = 20_000, RecordEvery = 20_000, Snapshots = 2,
                };
                double End(double sigma) => Simulation.Collect(RunSpec.Resolve(c with { Sigma = sigma }), Engine.Gram).Rows[^1].MeanCos;
                return End(0.0) - End(c.Sigma);
            }).ToList();
            return SurelyNegative(differences);
        }, 4);
}
