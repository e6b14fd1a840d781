using Lnsgd.Core.Problems;

namespace Lnsgd.Core.Training;

/// <summary>The state a run carries between steps: the network and the index of the next step.</summary>
public sealed record TrainState(Network.Network Net, long Step);

/// <summary>
/// The pure pair (init, update) of every optimiser, in the style of optax. The update of step t
/// draws its randomness from (seed, t) only, so any step can be replayed alone.
/// </summary>
public static class Optimisers
{
    /// <summary>The state before the first step (the oscillation simulation draws its own a(0)).</summary>
    public static TrainState Init(Optimiser optimiser, Network.Network net, ulong seed) => optimiser switch
    {
        Optimiser.Oscillation o => new(OscillationChain.Start(net, seed, o.Amplitude), 0),
        _ => new(net, 0),
    };

    /// <summary>The state before the first step of a gradient optimiser.</summary>
    public static TrainState Init(Network.Network net) => new(net, 0);

    /// <summary>One step: <c>next = Update(problem, state, seed)</c>.</summary>
    public static TrainState Update(Optimiser optimiser, SyntheticProblem problem, TrainState state, ulong seed)
    {
        var net = state.Net;
        var g = Gradient.At(optimiser, problem, net.Theta(), seed, state.Step);
        var next = optimiser switch
        {
            Optimiser.Sam sam => SamStep(sam, problem, net, g, seed, state.Step),
            Optimiser.Oscillation o => OscillationStep(o, net, g, seed, state.Step),
            Optimiser.Langevin l => IsotropicNoise.Add(TwoLayerUpdate.Apply(net, g, l.Eta), IsotropicNoise.Scale(l, net, state.Step), seed, state.Step),
            _ => TwoLayerUpdate.Apply(net, g, optimiser.Eta),
        };
        return new TrainState(next, state.Step + 1);
    }

    // Ascend to Θ̃ along the base gradient, then take the base step with the gradient at Θ̃.
    private static Network.Network SamStep(Optimiser.Sam sam, SyntheticProblem problem, Network.Network net, double[] g, ulong seed, long step)
    {
        var at = SamPerturbation.Apply(net, g, SamPerturbation.Coefficient(net, g, sam.Rho));
        var gTilde = ReferenceEquals(at, net) ? g : Gradient.At(sam.Base, problem, at.Theta(), seed, step);
        return TwoLayerUpdate.ApplyAt(net, at, gTilde, sam.Eta);
    }

    // Eq. 6 moves W with the current a; Eq. 7 then moves each a_i along its chain.
    private static Network.Network OscillationStep(Optimiser.Oscillation o, Network.Network net, double[] g, ulong seed, long step)
    {
        var (m, d) = (net.M, net.D);
        var w = new double[m * d];
        var a = new double[m];
        for (var i = 0; i < m; i++)
        {
            var wi = net.Neuron(i);
            var c = o.Eta * net.A[i];
            for (var j = 0; j < d; j++) w[i * d + j] = wi[j] - c * g[j];
            a[i] = OscillationChain.Next(net.A[i], seed, step, i, o.Amplitude);
        }
        return Network.Network.Own(m, d, w, a);
    }
}
