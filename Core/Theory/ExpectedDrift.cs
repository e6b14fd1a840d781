using Lnsgd.Core.Networks;
using Lnsgd.Core.Problems;

namespace Lnsgd.Core.Theory;

/// <summary>
/// The exact expected one-step change of ‖w_i‖² − a_i² under batch-1 label noise SGD, by
/// enumeration over the sampled index ξ (and, implicitly, the noise): from the identity,
/// Δ = η² r² (a_i²‖x‖² − (xᵀw_i)²) with r = θᵀx − y − ε, and E_ε[r²] = (θᵀx − y)² + σ² for
/// ±σ and Gaussian noise alike. So E[Δ] splits into a clean part, (θᵀx − y)² in place of r²,
/// and the part label noise adds, η²σ² E_x[a_i²‖x‖² − (xᵀw_i)²].
/// </summary>
public sealed record ExpectedDrift(double Clean, double Noise)
{
    /// <summary>The whole expected change.</summary>
    public double Total => Clean + Noise;

    /// <summary>E[Δ(‖w_i‖² − a_i²)] for neuron <paramref name="neuron"/> at the given state.</summary>
    public static ExpectedDrift Of(SyntheticProblem problem, Network net, int neuron, double eta, double sigma)
    {
        var theta = net.Theta();
        var wi = net.Neuron(neuron);
        var ai = net.A[neuron];
        double clean = 0, noise = 0;
        for (var k = 0; k < problem.N; k++)
        {
            var x = problem.Row(k);
            var residual = Kernels.Dot(theta, x) - problem.Y[k];
            var wx = Kernels.Dot(wi, x);
            var spread = ai * ai * Kernels.SquaredNorm(x) - wx * wx;
            clean += residual * residual * spread;
            noise += sigma * sigma * spread;
        }
        var scale = eta * eta / problem.N;
        return new ExpectedDrift(scale * clean, scale * noise);
    }

    /// <summary>The mean over all neurons: the expected one-step change of <c>mean_balance</c>.</summary>
    public static ExpectedDrift Mean(SyntheticProblem problem, Network net, double eta, double sigma)
    {
        double clean = 0, noise = 0;
        for (var i = 0; i < net.M; i++)
        {
            var e = Of(problem, net, i, eta, sigma);
            clean += e.Clean;
            noise += e.Noise;
        }
        return new ExpectedDrift(clean / net.M, noise / net.M);
    }
}
