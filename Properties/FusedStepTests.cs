using FsCheck.Xunit;
using Lnsgd.Core.Engines;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Training;

namespace Lnsgd.Properties;

/// <summary>
/// The in-place step's kernels (the fused register kernel for d ≤ 23, four neurons' dots at a time,
/// the two-pass sweep beyond) give exactly the bytes of the pure step, at every width d from 1 to 40
/// and every neuron count from 1 to 30, so every specialisation, tail and remainder runs.
/// </summary>
public class FusedStepTests
{
    [Property(MaxTest = 120)]
    public bool The_in_place_step_equals_the_pure_step_bit_for_bit_at_every_width(byte rawD, byte rawM, int raw, ulong seed)
    {
        var (d, m) = (1 + rawD % 40, 1 + rawM % 30);
        var config = Generators.Config(raw, seed, steps: 25, Generators.AllOptimisers) with { D = d, M = m, Eta = 0.002 };
        if (config.Batch > config.N) config = config with { Batch = config.N };
        var spec = RunSpec.Resolve(config);
        var kernel = new InPlaceNetwork(spec.Initial, spec.Optimiser.Descent.StateLength(m, d));
        var state = Optimisers.Init(spec.Optimiser, spec.Initial);   // spec.Initial already holds the oscillation's a(0)
        for (var t = 0L; t < config.Steps; t++)
        {
            var finite = kernel.Step(spec.Optimiser, spec.Problem, config.Seed, t);
            state = Optimisers.Update(spec.Optimiser, spec.Problem, state, config.Seed);
            if (!finite) return !state.Net.Theta().All(double.IsFinite);
            if (!Same(kernel.W, state.Net.W.AsSpan()) || !Same(kernel.A, state.Net.A.AsSpan()) || !Same(kernel.Theta, state.Net.Theta())) return false;
        }
        return true;
    }

    /// <summary>
    /// Batch-of-one SGD draws its rows and label noise a window of steps ahead: over several
    /// windows, and from a start that is not a window's first step, every step is still the pure step.
    /// </summary>
    [Property(MaxTest = 20)]
    public bool Draws_taken_a_window_ahead_give_the_pure_step_across_windows(byte rawD, int raw, ulong seed, byte rawStart)
    {
        var d = 1 + rawD % 24;
        var config = Generators.Config(raw, seed, steps: 2 * SampleDraws.Window + 40) with { D = d, Batch = 1, Optimizer = "sgd", Sigma = 1.0, Eta = 0.002 };
        var spec = RunSpec.Resolve(config);
        var start = rawStart % 100;
        var state = Optimisers.Init(spec.Optimiser, spec.Initial);
        for (var t = 0; t < start; t++) state = Optimisers.Update(spec.Optimiser, spec.Problem, state, config.Seed);
        var kernel = new InPlaceNetwork(state.Net, spec.Optimiser.Descent.StateLength(state.Net.M, state.Net.D));
        for (var t = (long)start; t < config.Steps; t++)
        {
            var finite = kernel.Step(spec.Optimiser, spec.Problem, config.Seed, t);
            state = Optimisers.Update(spec.Optimiser, spec.Problem, state, config.Seed);
            if (!finite) return !state.Net.Theta().All(double.IsFinite);
            if (!Same(kernel.W, state.Net.W.AsSpan()) || !Same(kernel.A, state.Net.A.AsSpan()) || !Same(kernel.Theta, state.Net.Theta())) return false;
        }
        return true;
    }

    private static bool Same(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length) return false;
        for (var i = 0; i < x.Length; i++)
            if (BitConverter.DoubleToInt64Bits(x[i]) != BitConverter.DoubleToInt64Bits(y[i])) return false;
        return true;
    }
}
