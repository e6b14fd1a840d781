using MathNet.Numerics.LinearAlgebra;

namespace Lnsgd.Core.Predictions;

/// <summary>
/// Where θ sits on average along the corrected flow (docs/prediction.md §6). The regulariser's
/// pull is not tangent to Γ: its normal part moves θ by −(η²σ_b²/4) K_θλ per step (λ the tangent
/// projection's multiplier for B(Σ̃/σ_b²)), and the loss gradient of a mean residual δ pulls back
/// by −η K_θΣ̂δ. They cancel at Σ̂δ = −(ησ_b²/4)λ on X's row space: label noise acts like a ridge
/// penalty of weight ησ_b²/4 on R, and the network settles short of θ⋆.
/// </summary>
public static class MeanResidual
{
    /// <summary>δ = E[θ] − θ⋆ at the point with Gram matrix g, for the effective Σ̃/σ_b² <paramref name="sigma"/>.</summary>
    public static Vector<double> Of(Matrix<double> g, Matrix<double> sigma, ProblemGeometry geometry, StepNoise noise)
    {
        var q = geometry.RowSpace;
        var lambda = TangentProjection.Multiplier(g, ImplicitRegulariser.GradientFactor(sigma), q);
        var restricted = q.TransposeThisAndMultiply(geometry.Sigma * q);
        return -(noise.Eta * noise.NoiseVariance / 4) * (q * restricted.Solve(q.TransposeThisAndMultiply(lambda)));
    }

    /// <summary>
    /// The θ(Z) of the flow's state: E[θ] = θ⋆ + δ less the fluctuation's own share E[δθ₂] = Uθ
    /// (δθ₂ = u(θ·u) for δZ = Z S(u), U = K_θ⁻¹CK_θ⁻¹; docs/prediction.md §5).
    /// </summary>
    public static Vector<double> StateTheta(Matrix<double> g, Matrix<double> c, Matrix<double> sigma, ProblemGeometry geometry, StepNoise noise)
    {
        return geometry.ThetaStar + Of(g, sigma, geometry, noise) - VirtualState.NormalCovariance(g, c) * VirtualState.Theta(g);
    }

    /// <summary>How far E[θ] falls short of θ⋆ along θ⋆: −δ·θ⋆/‖θ⋆‖² (0 when θ⋆ = 0).</summary>
    public static double Shrinkage(Vector<double> residual, ProblemGeometry geometry)
    {
        var starSq = geometry.ThetaStar.DotProduct(geometry.ThetaStar);
        return starSq > 0 ? -residual.DotProduct(geometry.ThetaStar) / starSq : 0.0;
    }
}
