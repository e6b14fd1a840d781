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
    public static ExpectedDrift Of(SyntheticProblem problem, Network net, int neuron, double eta, double sigma) =>
        Of(problem, Rows.Of(problem, net), net, neuron, eta, sigma);

    /// <summary>The mean over all neurons: the expected one-step change of <c>mean_balance</c>.</summary>
    public static ExpectedDrift Mean(SyntheticProblem problem, Network net, double eta, double sigma)
    {
        // θ, the residuals and ‖x_k‖² do not depend on the neuron: computed once, not m times
        // (the same values, so the same bytes as summing Of over the neurons).
        var rows = Rows.Of(problem, net);
        double clean = 0, noise = 0;
        for (var i = 0; i < net.M; i++)
        {
            var e = Of(problem, rows, net, i, eta, sigma);
            clean += e.Clean;
            noise += e.Noise;
        }
        return new ExpectedDrift(clean / net.M, noise / net.M);
    }

    private static ExpectedDrift Of(SyntheticProblem problem, Rows rows, Network net, int neuron, double eta, double sigma)
    {
        var wi = net.Neuron(neuron);
        var ai = net.A[neuron];
        double clean = 0, noise = 0;
        for (var k = 0; k < problem.N; k++)
        {
            var residual = rows.Residual[k];
            var wx = Kernels.Dot(wi, problem.Row(k));
            var spread = ai * ai * rows.SquaredNorm[k] - wx * wx;
            clean += residual * residual * spread;
            noise += sigma * sigma * spread;
        }
        var scale = eta * eta / problem.N;
        return new ExpectedDrift(scale * clean, scale * noise);
    }

    // Per training row: the clean residual θᵀx_k − y_k and ‖x_k‖².
    private sealed record Rows(double[] Residual, double[] SquaredNorm)
    {
        public static Rows Of(SyntheticProblem problem, Network net)
        {
            var theta = net.Theta();
            var (residual, norm) = (new double[problem.N], new double[problem.N]);
            for (var k = 0; k < problem.N; k++)
            {
                var x = problem.Row(k);
                residual[k] = Kernels.Dot(theta, x) - problem.Y[k];
                norm[k] = Kernels.SquaredNorm(x);
            }
            return new Rows(residual, norm);
        }
    }
}
