using Lnsgd.Core.Networks;
using Lnsgd.Core.Problems;

namespace Lnsgd.Core.Theory;

/// <summary>
/// Lemma 3 for one neuron at one state, by exact enumeration instead of sampling: the step's
/// randomness is the row ξ ∈ [n] (uniform) and the noise sign ε = ±σ (Rademacher), so
/// P(ΔW_i &gt; 0) = (1/2n) Σ_ξ Σ_ε 1[ΔW_i(ξ, ε) &gt; 0] with ΔW_i = −r²((xᵀw_i)² − a_i²‖x‖²),
/// r = θᵀx − y − ε. The lemma bounds this for every neuron i while it is lazy; pooling the
/// frequency over neurons (as a sampled count does) hides the neurons that break it.
/// </summary>
public static class Lemma3Exact
{
    /// <summary>P(ΔW_i &gt; 0) for every neuron of <paramref name="net"/> under batch-1 label noise ±σ.</summary>
    public static double[] PositiveProbabilities(SyntheticProblem problem, Network net, double sigma)
    {
        var theta = net.Theta();
        var p = new double[net.M];
        for (var row = 0; row < problem.N; row++)
        {
            var x = problem.Row(row);
            var fit = Kernels.Dot(theta, x) - problem.Y[row];
            var xSq = Kernels.SquaredNorm(x);
            // r = fit ∓ σ; r² = 0 makes ΔW = 0, not positive.
            var signs = (fit - sigma != 0 ? 1 : 0) + (fit + sigma != 0 ? 1 : 0);
            if (signs == 0) continue;
            for (var i = 0; i < net.M; i++)
            {
                var wx = Kernels.Dot(net.Neuron(i), x);
                if (wx * wx < net.A[i] * net.A[i] * xSq) p[i] += signs;
            }
        }
        for (var i = 0; i < net.M; i++) p[i] /= 2.0 * problem.N;
        return p;
    }
}
