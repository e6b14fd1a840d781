using Lnsgd.Core.Numerics;
using FsCheck.Xunit;
using Lnsgd.Core;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Training;

namespace Lnsgd.Properties;

/// <summary>
/// The exact per-neuron identity behind the paper's Lemma 3 (its η²ΔW_i(j)): one step changes ‖w_i‖² − a_i² by exactly
/// η²(a_i²‖g‖² − (w_i·g)²), for any g.
/// </summary>
public class IdentityTests
{
    private const double Epsilon = 1.1102230246251565e-16; // 2⁻⁵³, the unit roundoff

    // The measured change is formed as Σ(w'−w)(w'+w) − (a'−a)(a'+a) to avoid cancelling
    // two O(1) numbers. Tolerance: 1e-9 of the identity's own terms, plus the floor set by
    // storing w' and a' as doubles (each rounded by ε relative, so ‖w‖² moves by ~ε‖w‖²).
    private static bool Holds(ReadOnlySpan<double> w, double a, ReadOnlySpan<double> w2, double a2, ReadOnlySpan<double> g, double eta)
    {
        var measured = 0.0;
        for (var j = 0; j < w.Length; j++) measured += (w2[j] - w[j]) * (w2[j] + w[j]);
        measured -= (a2 - a) * (a2 + a);
        var predicted = TwoLayerUpdate.BalanceChange(w, a, g, eta);
        var s = Kernels.Dot(w, g);
        var scale = eta * eta * (a * a * Kernels.SquaredNorm(g) + s * s);
        var floor = 8 * Epsilon * (Kernels.SquaredNorm(w) + Kernels.SquaredNorm(w2) + a * a + a2 * a2);
        return Math.Abs(measured - predicted) <= 1e-9 * scale + floor;
    }

    [Property(MaxTest = 300)]
    public bool Holds_for_an_arbitrary_gradient(int seed, int rawD, int rawEta)
    {
        var d = 1 + (int)((uint)rawD % 40);
        var eta = Math.Pow(10, -4 + (uint)rawEta % 40 / 10.0);       // 1e-4 .. 1e0
        var net = Lnsgd.Core.Networks.Network.Own(3, d, Generators.Vector(3 * d, seed, 2.0), Generators.Vector(3, seed + 1, 2.0));
        var g = Generators.Vector(d, seed + 2, Math.Pow(10, (int)((uint)rawEta % 5) - 2));
        var next = TwoLayerUpdate.Apply(net, g, eta);
        for (var i = 0; i < net.M; i++)
            if (!Holds(net.Neuron(i), net.A[i], next.Neuron(i), next.A[i], g, eta)) return false;
        return true;
    }

    [Property(MaxTest = 40)]
    public bool Holds_at_every_step_of_generated_runs(int raw, ulong seed)
    {
        var config = Generators.Config(raw, seed);
        var spec = RunSpec.Resolve(config);
        var state = Optimisers.Init(spec.Optimiser, spec.Initial);
        for (var t = 0; t < config.Steps; t++)
        {
            var g = Gradient.At(spec.Optimiser, spec.Problem, state.Net.Theta(), config.Seed, state.Step);
            var next = Optimisers.Update(spec.Optimiser, spec.Problem, state, config.Seed);
            for (var i = 0; i < config.M; i++)
                if (!Holds(state.Net.Neuron(i), state.Net.A[i], next.Net.Neuron(i), next.Net.A[i], g, config.Eta)) return false;
            state = next;
        }
        return true;
    }
}
