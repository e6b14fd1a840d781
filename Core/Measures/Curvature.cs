using MathNet.Numerics.LinearAlgebra;
using Lnsgd.Core.Problems;

namespace Lnsgd.Core.Measures;

/// <summary>
/// An upper bound on the largest curvature of the clean loss, and the step size it allows.
/// For f(x) = aᵀWx the Hessian of L is the Gauss–Newton part (1/n) Σ ∇f_i ∇f_iᵀ, whose nonzero
/// spectrum is that of Σ_x C with Σ_x = XᵀX/n and C = ‖a‖²I + WᵀW (the NTK of the linear net),
/// plus a residual part that couples each a_k with w_k through g = ∇_θ L and has eigenvalues
/// ±‖g‖. By Weyl's inequality λ_max(H) ≤ λ_GN + ‖g‖.
/// </summary>
public static class Curvature
{
    /// <summary>The bound λ_GN + ‖∇_θ L‖ for the full-batch loss.</summary>
    public static double FullBatch(SyntheticProblem p, Network.Network net)
    {
        var theta = net.Theta();
        var g = new double[p.D];
        for (var i = 0; i < p.N; i++)
        {
            var r = Kernels.Dot(theta, p.Row(i)) - p.Y[i];
            for (var j = 0; j < p.D; j++) g[j] += r * p.Row(i)[j] / p.N;
        }
        return GaussNewton(p, net) + Math.Sqrt(Kernels.SquaredNorm(g));
    }

    /// <summary>λ_max of the full-batch Gauss–Newton curvature alone.</summary>
    public static double GaussNewton(SyntheticProblem p, Network.Network net)
    {
        var c = NeuralTangent(net);
        var x = Matrix<double>.Build.Dense(p.N, p.D, (i, j) => p.X[i * p.D + j]);
        var sigma = x.TransposeThisAndMultiply(x) / p.N;
        var l = c.Cholesky().Factor;              // C = L Lᵀ, so Σ C ~ Lᵀ Σ L (symmetric)
        var s = l.TransposeThisAndMultiply(sigma * l);
        return s.Evd(Symmetricity.Symmetric).EigenValues.Real().Maximum();
    }

    /// <summary>The same bound for the worst single sample, max_i (x_iᵀ C x_i + |r_i| ‖x_i‖): what matters at batch 1.</summary>
    public static double PerSample(SyntheticProblem p, Network.Network net)
    {
        var c = NeuralTangent(net);
        var theta = net.Theta();
        var worst = 0.0;
        for (var i = 0; i < p.N; i++)
        {
            var x = Vector<double>.Build.DenseOfArray(p.Row(i).ToArray());
            var r = Kernels.Dot(theta, p.Row(i)) - p.Y[i];
            worst = Math.Max(worst, x * (c * x) + Math.Abs(r) * x.L2Norm());
        }
        return worst;
    }

    /// <summary>2/λ: gradient descent on a quadratic with curvature λ is stable below this step size.</summary>
    public static double StableStepSize(double curvature) => 2.0 / curvature;

    private static Matrix<double> NeuralTangent(Network.Network net)
    {
        var w = Matrix<double>.Build.Dense(net.M, net.D, (i, j) => net.W[i * net.D + j]);
        var aSq = net.A.Sum(v => v * v);
        return w.TransposeThisAndMultiply(w) + aSq * Matrix<double>.Build.DenseIdentity(net.D);
    }
}
