using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;

namespace Lnsgd.Core.Predictions;

/// <summary>
/// Puts a state back on Γ after each solver step, along Γ's normal directions: Z ← Z(I + S(u))
/// with u = Q(Qᵀ K_θ Q)⁻¹Qᵀ(θ⋆ − θ), Newton's method on the constraint (docs/prediction.md §3).
/// A few iterations bring ‖Qᵀ(θ − θ⋆)‖ to rounding. The corrected flow retracts onto the
/// parallel manifold {Qᵀθ = Qᵀ(θ⋆ + δ)} instead, δ its mean residual (docs/prediction.md §6).
/// </summary>
public static class Retraction
{
    /// <summary>The retracted rows of Z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Matrix<double> OntoManifold(Matrix<double> z, ProblemGeometry geometry, int iterations = 3) => OntoManifold(z, geometry, geometry.ThetaStar, iterations);

    /// <summary>The rows of Z retracted onto {Qᵀθ = Qᵀ<paramref name="goal"/>}.</summary>
    public static Matrix<double> OntoManifold(Matrix<double> z, ProblemGeometry geometry, Vector<double> goal, int iterations = 3)
    {
        if (!geometry.FullRank) return General(z, geometry, goal, iterations);
        // Full rank (Q = I): Z(I + S(u)) moves column j by u_j a and a by Σ_j u_j w_j, in place on a copy.
        int r = z.RowCount, d = geometry.D;
        var zc = z.ToColumnMajorArray();
        var target = goal.ToArray();
        var floor = 1e-15 * (1 + goal.L2Norm());
        for (var it = 0; it < iterations; it++)
        {
            var a = new Span<double>(zc, d * r, r);
            var kernel = Matrix<double>.Build.Dense(d, d);
            var miss = Vector<double>.Build.Dense(d);
            var aSq = Dot(a, a);
            var missSq = 0.0;
            for (var j = 0; j < d; j++)
            {
                var cj = new ReadOnlySpan<double>(zc, j * r, r);
                miss[j] = target[j] - Dot(cj, a);
                missSq += miss[j] * miss[j];
                for (var l = 0; l <= j; l++) kernel[j, l] = kernel[l, j] = Dot(cj, new ReadOnlySpan<double>(zc, l * r, r));
                kernel[j, j] += aSq;
            }
            // Newton converges quadratically: stop once θ sits on Γ to rounding.
            if (Math.Sqrt(missSq) <= floor) break;
            var u = kernel.Cholesky().Solve(miss);
            var oldA = a.ToArray();
            for (var j = 0; j < d; j++)
            {
                var cj = new Span<double>(zc, j * r, r);
                for (var i = 0; i < r; i++) a[i] += u[j] * cj[i];
            }
            for (var j = 0; j < d; j++)
            {
                var cj = new Span<double>(zc, j * r, r);
                for (var i = 0; i < r; i++) cj[i] += u[j] * oldA[i];
            }
        }
        return Matrix<double>.Build.Dense(r, d + 1, zc);
    }

    private static Matrix<double> General(Matrix<double> z, ProblemGeometry geometry, Vector<double> goal, int iterations)
    {
        var q = geometry.RowSpace;
        var identity = Matrix<double>.Build.DenseIdentity(z.ColumnCount);
        for (var it = 0; it < iterations; it++)
        {
            var g = VirtualState.Gram(z);
            var miss = q.TransposeThisAndMultiply(goal - VirtualState.Theta(g));
            if (miss.L2Norm() == 0) break;
            var kernel = q.TransposeThisAndMultiply(VirtualState.ThetaKernel(g) * q);
            var u = q * kernel.Cholesky().Solve(miss);
            z = z * (identity + VirtualState.Normal(u));
        }
        return z;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++) sum += x[i] * y[i];
        return sum;
    }

    /// <summary>‖Qᵀ(θ − θ⋆)‖: the distance of θ from Γ's constraint.</summary>
    public static double Miss(Matrix<double> g, ProblemGeometry geometry) =>
        geometry.RowSpace.TransposeThisAndMultiply(VirtualState.Theta(g) - geometry.ThetaStar).L2Norm();
}
