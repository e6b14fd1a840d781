using MathNet.Numerics.LinearAlgebra;

namespace Lnsgd.Core.Predictions;

/// <summary>
/// The orthogonal projection onto Γ's tangent space for right-multiplied fields. Γ's normal
/// space at Z is {Z S(Qμ)} (S from <see cref="VirtualState.Normal"/>), so P_T(Z B) = Z (B − S(λ))
/// with λ = Qμ fixed by tangency, Qᵀ θ̇ = 0: (Qᵀ K_θ Q) μ = Qᵀ θ̇(B) (docs/prediction.md §2).
/// </summary>
public static class TangentProjection
{
    /// <summary>M = B − S(λ): the projected field is Z M.</summary>
    public static Matrix<double> Project(Matrix<double> g, Matrix<double> b, Matrix<double> rowSpace)
    {
        var lambda = Multiplier(g, b, rowSpace);
        return b - VirtualState.Normal(lambda);
    }

    /// <summary>λ = Q (Qᵀ K_θ Q)⁻¹ Qᵀ θ̇(B).</summary>
    public static Vector<double> Multiplier(Matrix<double> g, Matrix<double> b, Matrix<double> rowSpace)
    {
        var kernel = rowSpace.TransposeThisAndMultiply(VirtualState.ThetaKernel(g) * rowSpace);
        var rhs = rowSpace.TransposeThisAndMultiply(VirtualState.ThetaVelocity(g, b));
        return rowSpace * kernel.Cholesky().Solve(rhs);
    }
}
