using Lnsgd.Core.Networks;
using MathNet.Numerics.LinearAlgebra;
using Lnsgd.Core.Problems;
using Lnsgd.Core.Training;

namespace Lnsgd.Core.Measures;

/// <summary>
/// The curvatures that bound a step at one point (docs/STEP-SIZE.md): <paramref name="Hessian"/>
/// λ_H (full batch, an upper bound on λ_max), <paramref name="MeanSample"/> T = (1/n) Σ x_iᵀ C x_i,
/// and the SGD batch B (0 for full-batch steps).
/// </summary>
public sealed record StepCurvature(double Hessian, double MeanSample, int Batch)
{
    /// <summary>λ_H for full-batch steps; λ_H (1 + 1/B) + T/B for SGD with batch B (mean-square stability).</summary>
    public double Effective => Batch == 0 ? Hessian : Hessian * (1.0 + 1.0 / Batch) + MeanSample / Batch;
}

/// <summary>
/// An upper bound on the largest curvature of the clean loss, and the step size it allows
/// (docs/STEP-SIZE.md). For f(x) = aᵀWx the Hessian of L is the Gauss–Newton part
/// (1/n) Σ ∇f_i ∇f_iᵀ, whose nonzero spectrum is that of Σ_x C with Σ_x = XᵀX/n and
/// C = ‖a‖²I + WᵀW (the NTK of the linear net), plus a residual part that couples each a_k
/// with w_k through g = ∇_θ L and has eigenvalues ±‖g‖. By Weyl's inequality λ_max(H) ≤ λ_GN + ‖g‖.
/// C is accumulated neuron by neuron (d × d), so any width costs one pass and no m × d copy.
/// </summary>
public static class Curvature
{
    /// <summary>The bound λ_GN + ‖∇_θ L‖ for the full-batch loss.</summary>
    public static double FullBatch(SyntheticProblem p, Network net) => FullBatch(p, net, NeuralTangent(net));

    private static double FullBatch(SyntheticProblem p, Network net, Matrix<double> c)
    {
        var theta = net.Theta();
        var g = new double[p.D];
        for (var i = 0; i < p.N; i++)
        {
            var r = Kernels.Dot(theta, p.Row(i)) - p.Y[i];
            for (var j = 0; j < p.D; j++) g[j] += r * p.Row(i)[j] / p.N;
        }
        return GaussNewton(p, c) + Math.Sqrt(Kernels.SquaredNorm(g));
    }

    /// <summary>λ_max of the full-batch Gauss–Newton curvature alone.</summary>
    public static double GaussNewton(SyntheticProblem p, Network net) => GaussNewton(p, NeuralTangent(net));

    private static double GaussNewton(SyntheticProblem p, Matrix<double> c)
    {
        // Weights so large that C overflows (e.g. init_scale_w = 1e200): no finite step is stable,
        // and an eigendecomposition of non-finite entries has no meaning.
        if (!c.Enumerate().All(double.IsFinite)) return double.PositiveInfinity;
        var x = Matrix<double>.Build.Dense(p.N, p.D, (i, j) => p.X[i * p.D + j]);
        var sigma = x.TransposeThisAndMultiply(x) / p.N;
        // Σ C ~ C^½ Σ C^½ (symmetric); C^½ from C's eigendecomposition, which, unlike a Cholesky
        // factor, exists for a singular C too (m < d with a = 0, e.g. the oscillation chain at rest).
        var evd = c.Evd(Symmetricity.Symmetric);
        var root = evd.EigenVectors * Matrix<double>.Build.DiagonalOfDiagonalArray([.. evd.EigenValues.Real().Select(v => Math.Sqrt(Math.Max(v, 0.0)))]) * evd.EigenVectors.Transpose();
        var s = root * sigma * root;
        s = (s + s.Transpose()) / 2;
        return s.Evd(Symmetricity.Symmetric).EigenValues.Real().Maximum();
    }

    /// <summary>The same bound for the worst single sample, max_i (x_iᵀ C x_i + |r_i| ‖x_i‖).</summary>
    public static double PerSample(SyntheticProblem p, Network net)
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

    /// <summary>
    /// The curvature that bounds the step size of <paramref name="optimiser"/> at
    /// <paramref name="net"/> (docs/STEP-SIZE.md): λ_H = <see cref="FullBatch(SyntheticProblem, Network)"/> for full-batch
    /// steps (gd, sam-gd, oscillation), and for SGD with batch B the mean-square value
    /// λ_H (1 + 1/B) + T/B with T = (1/n) Σ x_iᵀ C x_i, the mean curvature of one sample. SAM
    /// takes its base's. 2 divided by it is the stable step size the run is measured against.
    /// </summary>
    public static StepCurvature Effective(Optimiser optimiser, SyntheticProblem p, Network net)
    {
        var c = NeuralTangent(net);
        var meanSample = 0.0;
        for (var i = 0; i < p.N; i++)
        {
            var x = Vector<double>.Build.DenseOfArray(p.Row(i).ToArray());
            meanSample += x * (c * x) / p.N;
        }
        var batch = optimiser.Batch ?? 0;
        return new StepCurvature(FullBatch(p, net, c), meanSample, batch);
    }

    /// <summary>2/λ: gradient descent on a quadratic with curvature λ is stable below this step size.</summary>
    public static double StableStepSize(double curvature) => 2.0 / curvature;

    /// <summary>
    /// C = WᵀW + ‖a‖²I from the Gram matrix of [W a] (<see cref="Networks.GramMatrix"/>): each entry
    /// summed neuron by neuron in index order (one pass, no m × d copy).
    /// </summary>
    public static Matrix<double> NeuralTangent(Network net)
    {
        var d = net.D;
        var g = GramMatrix.Of(net);
        var aSq = g[d * (d + 1) + d];
        return Matrix<double>.Build.Dense(d, d, (j, k) => g[j * (d + 1) + k] + (j == k ? aSq : 0.0));
    }
}
