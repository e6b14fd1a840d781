using Lnsgd.Core.Networks;
using Lnsgd.Core.Random;

namespace Lnsgd.Core.Training;

/// <summary>
/// The three-state chain of Eq. 7 that drives each second-layer weight in the oscillation
/// simulation: from ±q it moves to 0; from 0 to +q or −q with probability ½ each. Its
/// stationary law (¼, ½, ¼) is also the initial law.
/// </summary>
public static class OscillationChain
{
    /// <summary>a_i(0): −q or +q with probability ¼ each, 0 with probability ½ (uniform draw at counter (0, i)).</summary>
    public static double Initial(ulong seed, int neuron, double q)
    {
        var u = new RngKey(seed, Purpose.Oscillation).Uniform(0, neuron);
        return u < 0.25 ? -q : u < 0.5 ? q : 0.0;
    }

    /// <summary>The state after step <paramref name="step"/> (sign draw at counter (step + 1, i)).</summary>
    public static double Next(double state, ulong seed, long step, int neuron, double q) =>
        state != 0.0 ? 0.0 : q * new RngKey(seed, Purpose.Oscillation).Sign(step + 1, neuron);

    /// <summary>The network with its second layer replaced by the chain's initial states.</summary>
    public static Network Start(Network net, ulong seed, double q)
    {
        var a = new double[net.M];
        for (var i = 0; i < net.M; i++) a[i] = Initial(seed, i, q);
        return Network.Own(net.M, net.D, net.W.ToArray(), a);
    }
}
