using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;

namespace Lnsgd.Core.Predictions;

/// <summary>
/// Solves K Σ C + C Σ K = P for symmetric P, K positive definite, Σ positive semidefinite: with
/// T = K^½ and H = TΣT = VΛVᵀ, C = (TV) D (TV)ᵀ with D_ij = (Vᵀ T⁻¹PT⁻¹ V)_ij / (λ_i + λ_j).
/// Pairs with λ_i + λ_j = 0 (directions Σ does not see) are not driven and get 0.
/// </summary>
public sealed class LyapunovSolver
{
    private readonly Matrix<double> _map;      // T V
    private readonly Matrix<double> _inverse;  // Vᵀ T⁻¹
    private readonly double[] _lambda;

    private LyapunovSolver(Matrix<double> map, Matrix<double> inverse, double[] lambda) => (_map, _inverse, _lambda) = (map, inverse, lambda);

    /// <summary>The solver for the operator C ↦ KΣC + CΣK.</summary>
    public static LyapunovSolver Of(Matrix<double> k, Matrix<double> sigma)
    {
        var ek = k.Evd(Symmetricity.Symmetric);
        var root = ek.EigenVectors * Matrix<double>.Build.DenseOfDiagonalArray(ek.EigenValues.Real().Select(v => Math.Sqrt(Math.Max(v, 0))).ToArray()) * ek.EigenVectors.Transpose();
        var rootInv = ek.EigenVectors * Matrix<double>.Build.DenseOfDiagonalArray(ek.EigenValues.Real().Select(v => 1 / Math.Sqrt(Math.Max(v, 1e-300))).ToArray()) * ek.EigenVectors.Transpose();
        var h = root * sigma * root;
        var eh = ((h + h.Transpose()) / 2).Evd(Symmetricity.Symmetric);
        var v = eh.EigenVectors;
        return new LyapunovSolver(root * v, v.TransposeThisAndMultiply(rootInv), eh.EigenValues.Real().ToArray());
    }

    /// <summary>The C with KΣC + CΣK = p.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Matrix<double> Solve(Matrix<double> p)
    {
        var pt = _inverse * p * _inverse.Transpose();
        var top = _lambda.Max();
        for (var i = 0; i < _lambda.Length; i++)
            for (var j = 0; j < _lambda.Length; j++)
            {
                var sum = _lambda[i] + _lambda[j];
                pt[i, j] = sum > 1e-12 * top ? pt[i, j] / sum : 0;
            }
        var c = _map * pt * _map.Transpose();
        return (c + c.Transpose()) / 2;
    }
}
