using MathNet.Numerics.LinearAlgebra;

namespace Lnsgd.Core.Predictions;

/// <summary>
/// The closed-form minimiser of R = ‖a‖² tr Σ̂ + tr(WΣ̂Wᵀ) on Γ = {Wᵀa = θ⋆} (X of rank d;
/// docs/prediction.md §5). For fixed a the best W is a θ⋆ᵀ/‖a‖² (rank one, every neuron along θ⋆),
/// leaving R = s tr Σ̂ + q/s with s = ‖a‖², q = θ⋆ᵀΣ̂θ⋆; so s* = √(q / tr Σ̂), R* = 2√(q tr Σ̂),
/// ‖W‖_F² = ‖θ⋆‖²/s*, and the Gram matrix G* = [[θ⋆θ⋆ᵀ/s*, θ⋆], [θ⋆ᵀ, s*]] is unique.
/// </summary>
public sealed record RegulariserMinimiser(double ANormSq, double WFrobSq, double Value, Matrix<double> Gram)
{
    /// <summary>The minimiser, or null when X has rank below d (then W's null-space part is free) or θ⋆ = 0 (Γ is singular).</summary>
    public static RegulariserMinimiser? Of(ProblemGeometry geometry)
    {
        var star = geometry.ThetaStar;
        var q = star * (geometry.Sigma * star);
        if (!geometry.FullRank || !(q > 0)) return null;
        var t = geometry.TraceSigma;
        var s = Math.Sqrt(q / t);
        var d = geometry.D;
        var g = Matrix<double>.Build.Dense(d + 1, d + 1);
        g.SetSubMatrix(0, 0, star.OuterProduct(star) / s);
        for (var j = 0; j < d; j++) { g[j, d] = star[j]; g[d, j] = star[j]; }
        g[d, d] = s;
        return new RegulariserMinimiser(s, star * star / s, 2 * Math.Sqrt(q * t), g);
    }
}
