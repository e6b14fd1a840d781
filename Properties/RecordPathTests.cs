using FsCheck.Xunit;
using Xunit;
using Lnsgd.Core.Engines;
using Lnsgd.Core.Measures;
using Lnsgd.Core.Simulations;

namespace Lnsgd.Properties;

/// <summary>
/// Records measure the network without forming it; these laws say that changes no byte: the
/// streamed row, the traced neuron and the deferred network equal what the formed network gives.
/// </summary>
public class RecordPathTests
{
    private static bool Same(double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y);

    [Property(MaxTest = 80)]
    public bool Streamed_records_equal_the_measures_of_the_formed_network_bit_for_bit(int raw, ulong seed, bool gram)
    {
        var config = Generators.Config(raw, seed, 40, Generators.AllOptimisers);
        // The gram engine needs m > d + 1 and an in-span optimiser.
        if (gram) config = config with { M = config.D + 2 + config.M, Optimizer = config.Optimizer == "oscillation" ? "sgd" : config.Optimizer };
        var spec = RunSpec.Resolve(config);
        var stepper = Stepper.Start(spec, gram ? Engine.Gram : Engine.Dense);
        var deferred = new List<(Func<Lnsgd.Core.Networks.Network> Later, Lnsgd.Core.Networks.Network Now)>();
        for (long t = 0; t <= config.Steps; t += 10)
        {
            var now = stepper.Current();
            var streamed = stepper.Row(t, spec.Problem, spec.Initial).Values();
            var formed = Metrics.Row(t, spec.Problem, spec.Initial, now).Values();
            for (var c = 0; c < formed.Length; c++)
                if (!Same(streamed[c], formed[c]) && !(double.IsNaN(streamed[c]) && double.IsNaN(formed[c])))
                    throw new Exception($"step {t} column {c}: streamed {streamed[c]:R}, formed {formed[c]:R}");
            var w = new double[config.D];
            for (var i = 0; i < config.M; i++)
            {
                var a = stepper.Neuron(i, w);
                if (!Same(a, now.A[i]) || !w.AsSpan().SequenceEqual(now.Neuron(i))) return false;
            }
            deferred.Add((stepper.Deferred(), now));
            if (t < config.Steps && !stepper.Advance(t, 10)) break;
        }
        // Formed any time later, a deferred network is the network of its own step.
        return deferred.All(p => p.Later().W.SequenceEqual(p.Now.W) && p.Later().A.SequenceEqual(p.Now.A));
    }

    /// <summary>
    /// The gram engine's two-neuron record pass (the Cholesky path at d a multiple of 4 up to 20)
    /// gives the bytes of measuring the formed network one neuron at a time, odd m included (the last neuron alone).
    /// </summary>
    [Theory]
    [InlineData(20, 301, 0UL)]
    [InlineData(8, 64, 3UL)]
    [InlineData(4, 7, 5UL)]
    [InlineData(12, 1001, 9UL)]
    public void The_paired_record_pass_equals_the_formed_network_bit_for_bit(int d, int m, ulong seed)
    {
        var config = Presets.Find("fig2")!.Config with { D = d, M = m, N = 50, NTest = 50, Steps = 300, Seed = seed, Eta = 1e-3 / Math.Max(1, m / 1000.0) };
        var spec = RunSpec.Resolve(config);
        var stepper = Stepper.Start(spec, Engine.Gram);
        for (long t = 0; t <= config.Steps; t += 100)
        {
            var streamed = stepper.Row(t, spec.Problem, spec.Initial).Values();
            var formed = Metrics.Row(t, spec.Problem, spec.Initial, stepper.Current()).Values();
            for (var c = 0; c < formed.Length; c++)
                Assert.True(Same(streamed[c], formed[c]), $"d = {d}, m = {m}, step {t}, column {MetricRow.Columns[c + 1]}: streamed {streamed[c]:R}, formed {formed[c]:R}");
            if (t < config.Steps) Assert.True(stepper.Advance(t, 100));
        }
    }
}
