using FsCheck.Xunit;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Training;
using Xunit;

namespace Lnsgd.Properties;

/// <summary>The oscillation simulation's chain (Eq. 7): its moves and its (¼, ½, ¼) law.</summary>
public class OscillationTests
{
    [Property(MaxTest = 30)]
    public bool Every_move_obeys_the_transition_rule_and_w_follows_clean_gd(int raw, ulong seed)
    {
        var config = Generators.Config(raw, seed, steps: 40, ["oscillation"]);
        var spec = RunSpec.Resolve(config);
        var o = (OscillationStep)spec.Optimiser.Descent;
        var q = o.Amplitude;
        var state = Optimisers.Init(spec.Optimiser, spec.Initial);
        if (!state.Net.A.All(a => a == 0 || a == q || a == -q)) return false;
        for (var t = 0; t < config.Steps; t++)
        {
            var next = Optimisers.Update(spec.Optimiser, spec.Problem, state, config.Seed);
            var g = Gradient.At(Optimiser.Gd(o.Eta, LabelNoise.Off), spec.Problem, state.Net.Theta(), config.Seed, t);
            var expectedW = TwoLayerUpdate.Apply(state.Net, g, o.Eta).W;
            if (!expectedW.SequenceEqual(next.Net.W)) return false;
            for (var i = 0; i < config.M; i++)
            {
                var (before, after) = (state.Net.A[i], next.Net.A[i]);
                if (before != 0 ? after != 0 : Math.Abs(after) != q) return false;
            }
            state = next;
        }
        return true;
    }

    // Over N = 200,000 neuron-steps the state frequencies are within 5 binomial standard errors
    // of (¼, ½, ¼); the chain is started from its stationary law, so every step has that law.
    [Fact]
    public void State_frequencies_approach_a_quarter_a_half_a_quarter()
    {
        const int neurons = 200, steps = 1000;
        const double q = 1.0;
        var counts = new double[3];
        for (var i = 0; i < neurons; i++)
        {
            var a = OscillationChain.Initial(99, i, q);
            for (var t = 0; t < steps; t++)
            {
                counts[a < 0 ? 0 : a == 0 ? 1 : 2]++;
                a = OscillationChain.Next(a, 99, t, i, q);
            }
        }
        const double n = neurons * steps;
        // Consecutive states are dependent; the chain mixes in two steps, so allow 5 s.e. of n/4 effective draws.
        double Tolerance(double p) => 5 * Math.Sqrt(p * (1 - p) / (n / 4));
        Assert.InRange(counts[0] / n, 0.25 - Tolerance(0.25), 0.25 + Tolerance(0.25));
        Assert.InRange(counts[1] / n, 0.5 - Tolerance(0.5), 0.5 + Tolerance(0.5));
        Assert.InRange(counts[2] / n, 0.25 - Tolerance(0.25), 0.25 + Tolerance(0.25));
    }
}
