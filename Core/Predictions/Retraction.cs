using MathNet.Numerics.LinearAlgebra;

namespace Lnsgd.Core.Predictions;

/// <summary>
/// Puts a state back on Γ after each solver step, along Γ's normal directions: Z ← Z(I + S(u))
/// with u = Q(Qᵀ K_θ Q)⁻¹Qᵀ(θ⋆ − θ), Newton's method on the constraint (docs/prediction.md §3).
/// A few iterations bring ‖Qᵀ(θ − θ⋆)‖ to rounding.
/// </summary>
public static class Retraction
{
    /// <summary>The retracted rows of Z.</summary>
    public static Matrix<double> OntoManifold(Matrix<double> z, ProblemGeometry geometry, int iterations = 3)
    {
        var q = geometry.RowSpace;
        var identity = Matrix<double>.Build.DenseIdentity(z.ColumnCount);
        for (var it = 0; it < iterations; it++)
        {
            var g = VirtualState.Gram(z);
            var miss = q.TransposeThisAndMultiply(geometry.ThetaStar - VirtualState.Theta(g));
            if (miss.L2Norm() == 0) break;
            var kernel = q.TransposeThisAndMultiply(VirtualState.ThetaKernel(g) * q);
            var u = q * kernel.Cholesky().Solve(miss);
            z = z * (identity + VirtualState.Normal(u));
        }
        return z;
    }

    /// <summary>‖Qᵀ(θ − θ⋆)‖: the distance of θ from Γ's constraint.</summary>
    public static double Miss(Matrix<double> g, ProblemGeometry geometry) =>
        geometry.RowSpace.TransposeThisAndMultiply(VirtualState.Theta(g) - geometry.ThetaStar).L2Norm();
}
