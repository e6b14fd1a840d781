using MathNet.Numerics.LinearAlgebra;

namespace Lnsgd.Core.Predictions;

/// <summary>
/// The Gram matrix the stationary fluctuation adds (docs/prediction.md §4). Around Γ the network
/// fluctuates along the normal directions, δZ = Z S(u) with δθ = K_θu, so u has covariance
/// U = K_θ⁻¹CK_θ⁻¹ and E[δZᵀδZ] = E[S(u)GS(u)] = [[‖a‖²U, Uθ], [θᵀU, tr(WᵀW U)]]:
/// δW = a uᵀ, δa = W u. The expected Gram matrix is Ĝ = G + ΔG.
/// </summary>
public static class FluctuationGram
{
    /// <summary>ΔG for the point with Gram matrix g and θ-covariance c.</summary>
    public static Matrix<double> Of(Matrix<double> g, Matrix<double> c)
    {
        var d = g.RowCount - 1;
        var u = VirtualState.NormalCovariance(g, c);
        var theta = VirtualState.Theta(g);
        var delta = Matrix<double>.Build.Dense(d + 1, d + 1);
        delta.SetSubMatrix(0, 0, VirtualState.ANormSq(g) * u);
        var ut = u * theta;
        for (var j = 0; j < d; j++) { delta[j, d] = ut[j]; delta[d, j] = ut[j]; }
        delta[d, d] = (VirtualState.WtW(g) * u).Trace();
        return delta;
    }
}
