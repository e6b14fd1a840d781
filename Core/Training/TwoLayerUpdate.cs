using Lnsgd.Core.Networks;

namespace Lnsgd.Core.Training;

/// <summary>
/// The gradient step of both layers for a given θ-gradient g (Eqs. 3–4):
/// w_i ← w_i − η a_i g and a_i ← a_i − η w_i·g, both from the old values. The pure
/// specification every engine must reproduce.
/// </summary>
public static class TwoLayerUpdate
{
    /// <summary>The network after one step of size <paramref name="eta"/> along g.</summary>
    public static Network Apply(Network net, ReadOnlySpan<double> g, double eta) => ApplyAt(net, net, g, eta);

    /// <summary>
    /// The step with the layer gradients taken at <paramref name="at"/> (SAM's perturbed point):
    /// w_i ← w_i − η ã_i g and a_i ← a_i − η w̃_i·g. With <paramref name="at"/> = net it is <see cref="Apply"/>.
    /// </summary>
    public static Network ApplyAt(Network net, Network at, ReadOnlySpan<double> g, double eta)
    {
        var (m, d) = (net.M, net.D);
        var w = new double[m * d];
        var a = new double[m];
        for (var i = 0; i < m; i++)
        {
            var wi = net.Neuron(i);
            var ai = net.A[i];
            var s = Kernels.Dot(at.Neuron(i), g);
            var c = eta * at.A[i];
            for (var j = 0; j < d; j++) w[i * d + j] = wi[j] - c * g[j];
            a[i] = ai - eta * s;
        }
        return Network.Own(m, d, w, a);
    }

    /// <summary>
    /// The exact per-neuron identity behind the paper's Lemma 3 (its η²ΔW_i(j)): the change of ‖w_i‖² − a_i² over one step
    /// is η²(a_i²‖g‖² − (w_i·g)²), evaluated at the old values.
    /// </summary>
    public static double BalanceChange(ReadOnlySpan<double> wi, double ai, ReadOnlySpan<double> g, double eta)
    {
        var s = Kernels.Dot(wi, g);
        return eta * eta * (ai * ai * Kernels.SquaredNorm(g) - s * s);
    }
}
