using MathNet.Numerics.LinearAlgebra;

namespace Lnsgd.Core.Predictions;

/// <summary>
/// The stationary block of a prediction (docs/prediction.md §6): the fluctuation C and the mean
/// residual δ = E[θ] − θ⋆ where the network settles. The network does not settle on Γ itself but
/// on the parallel manifold through θ⋆ + δ, so where R's closed-form minimiser exists it is taken
/// once more there (<see cref="RegulariserMinimiser"/> with θ⋆ + δ), and C and δ are solved at that
/// point: the fluctuation scales with the curvature, which the shortfall lowers.
/// </summary>
public static class StationaryState
{
    /// <summary>The block at <paramref name="end"/> (the closed-form minimiser's Gram matrix when <paramref name="closedForm"/>), nulls when C does not exist.</summary>
    public static Stationary At(Matrix<double> end, bool closedForm, ProblemGeometry geometry, StepNoise noise)
    {
        if (StationaryResidual.Solve(end, geometry, noise) is not { } c) return new Stationary(null, null, null, null);
        var residual = Residual(end, c, geometry, noise);
        if (closedForm && RegulariserMinimiser.Of(geometry with { ThetaStar = geometry.ThetaStar + residual }) is { } shifted
            && StationaryResidual.Solve(shifted.Gram, geometry, noise) is { } settled)
            (c, residual) = (settled, Residual(shifted.Gram, settled, geometry, noise));
        var (train, test) = Predictor.Losses(c, residual, geometry);
        return new Stationary(c.Trace() + residual.DotProduct(residual), train, test, MeanResidual.Shrinkage(residual, geometry));
    }

    private static Vector<double> Residual(Matrix<double> g, Matrix<double> c, ProblemGeometry geometry, StepNoise noise) =>
        noise.NoiseVariance > 0
            ? MeanResidual.Of(g, noise.GradientMoment(geometry, c) / noise.NoiseVariance, geometry, noise)
            : Vector<double>.Build.Dense(geometry.D);
}
