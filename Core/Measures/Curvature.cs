using MathNet.Numerics.LinearAlgebra;
using Lnsgd.Core.Problems;

namespace Lnsgd.Core.Measures;

/// <summary>
/// The largest curvature of the clean loss and the step size it allows. For f(x) = aᵀWx the
/// Gauss–Newton curvature of L is (1/n) Σ ∇f_i ∇f_iᵀ, whose nonzero spectrum is that of
/// Σ_x C with Σ_x = XᵀX/n and C = ‖a‖²I + WᵀW (the NTK of the linear net, d×d).
/// </summary>
public static class Curvature
{
    /// <summary>λ_max of the full-batch Gauss–Newton curvature.</summary>
    public static double FullBatch(SyntheticProblem p, Network.Network net)
    {
        var c = NeuralTangent(net);
        var x = Matrix<double>.Build.Dense(p.N, p.D, (i, j) => p.X[i * p.D + j]);
        var sigma = x.TransposeThisAndMultiply(x) / p.N;
        var l = c.Cholesky().Factor;              // C = L Lᵀ, so Σ C ~ Lᵀ Σ L (symmetric)
        var s = l.TransposeThisAndMultiply(sigma * l);
        return s.Evd(Symmetricity.Symmetric).EigenValues.Real().Maximum();
    }

    /// <summary>λ_max of a single sample's curvature, max_i x_iᵀ C x_i: the bound that matters at batch 1.</summary>
    public static double PerSample(SyntheticProblem p, Network.Network net)
    {
        var c = NeuralTangent(net);
        var worst = 0.0;
        for (var i = 0; i < p.N; i++)
        {
            var x = Vector<double>.Build.DenseOfArray(p.Row(i).ToArray());
            worst = Math.Max(worst, x * (c * x));
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
