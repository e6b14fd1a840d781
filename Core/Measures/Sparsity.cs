using Lnsgd.Core.Networks;
namespace Lnsgd.Core.Measures;

/// <summary>
/// How concentrated a first layer is, for the paper's "the model becomes sparser" (Fig. 1 and
/// the Phase II picture where every w_i lines up with θ⋆). Both are participation ratios, so
/// they need no threshold: (Σλ)²/Σλ² counts how many of the λ carry the weight.
/// </summary>
public static class Sparsity
{
    /// <summary>
    /// The effective rank of W: tr(G)² / tr(G²) with G = WᵀW (d × d), the participation ratio of
    /// W's squared singular values. 1 when every neuron is parallel, up to d for an isotropic W.
    /// </summary>
    public static double EffectiveRank(Network net)
    {
        var d = net.D;
        var g = new double[d * d];
        for (var i = 0; i < net.M; i++)
        {
            var w = net.Neuron(i);
            for (var j = 0; j < d; j++)
                for (var k = 0; k < d; k++) g[j * d + k] += w[j] * w[k];
        }
        double trace = 0, traceSq = 0;
        for (var j = 0; j < d; j++) trace += g[j * d + j];
        foreach (var v in g) traceSq += v * v;
        return traceSq > 0 ? trace * trace / traceSq : 0;
    }

    /// <summary>
    /// The participation ratio of the neurons' squared norms, (Σ‖w_i‖²)² / (m Σ‖w_i‖⁴), in
    /// [1/m, 1]: 1 when all neurons carry equal weight, 1/m when one carries it all.
    /// </summary>
    public static double NeuronParticipation(Network net)
    {
        double sum = 0, sumSq = 0;
        for (var i = 0; i < net.M; i++)
        {
            var n = Kernels.SquaredNorm(net.Neuron(i));
            sum += n;
            sumSq += n * n;
        }
        return sumSq > 0 ? sum * sum / (net.M * sumSq) : 0;
    }
}
