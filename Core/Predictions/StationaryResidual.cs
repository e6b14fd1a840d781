using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;

namespace Lnsgd.Core.Predictions;

/// <summary>
/// The stationary covariance C of θ − θ⋆ under the step linearised around a point of Γ
/// (docs/prediction.md §4): δθ' = δθ − η K_θ g with E[g] = Σ̂δθ and E[g gᵀ] = Σ̃(C), so
/// C' = C − η(K_θΣ̂C + CΣ̂K_θ) + η² K_θ Σ̃(C) K_θ, and C is the fixed point of the Lyapunov
/// equation K_θΣ̂C + CΣ̂K_θ = η K_θ Σ̃(C) K_θ. Solved by iterating an exact Lyapunov solve
/// (K_θ^½ diagonalises the left side); the iteration contracts exactly when the linearised
/// step has a stationary variance, and its failure means "no stationary state" (η too large).
/// </summary>
public static class StationaryResidual
{
    /// <summary>
    /// C at the point with Gram matrix g, or null when it does not exist. <paramref name="start"/>
    /// warm-starts the iteration; it stops when a sweep changes C by at most <paramref name="tolerance"/> relative.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Matrix<double>? Solve(Matrix<double> g, ProblemGeometry geometry, StepNoise noise, Matrix<double>? start = null, double tolerance = 1e-12)
    {
        var kernel = VirtualState.ThetaKernel(g);
        var solver = LyapunovSolver.Of(kernel, geometry.Sigma);
        var c = start ?? solver.Solve(noise.Eta * (kernel * noise.GradientMoment(geometry, null) * kernel));
        var previous = double.PositiveInfinity;
        for (var it = 0; it < 2000; it++)
        {
            var next = solver.Solve(noise.Eta * (kernel * noise.GradientMoment(geometry, c) * kernel));
            var change = (next - c).FrobeniusNorm();
            var size = next.FrobeniusNorm();
            if (!double.IsFinite(size)) return null;
            c = next;
            if (change <= tolerance * size || size == 0) return c;
            // Rounding floor: the change stopped shrinking while already tiny.
            if (change >= previous && change <= 1e-9 * size) return c;
            // Growing changes mean the fixed point repels: no stationary variance.
            if (it > 50 && change > previous && change > 1e-3 * size) return null;
            previous = change;
        }
        return null;
    }

    /// <summary>The equation's residual K_θΣ̂C + CΣ̂K_θ − η K_θ Σ̃(C) K_θ (zero at the solution).</summary>
    public static Matrix<double> Residual(Matrix<double> c, Matrix<double> g, ProblemGeometry geometry, StepNoise noise)
    {
        var kernel = VirtualState.ThetaKernel(g);
        var ks = kernel * geometry.Sigma;
        return ks * c + c * ks.Transpose() - noise.Eta * (kernel * noise.GradientMoment(geometry, c) * kernel);
    }
}
