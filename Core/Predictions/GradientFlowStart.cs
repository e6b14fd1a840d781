using MathNet.Numerics.LinearAlgebra;

namespace Lnsgd.Core.Predictions;

/// <summary>
/// Φ(Z₀): the limit of gradient flow on the clean loss from the initial state (docs/prediction.md
/// §3). The first O(1/(ηλ)) steps of (label noise) SGD bring θ to Γ much faster than anything
/// moves along Γ, so the slow flow starts where gradient flow lands. The field is
/// dZ/dt = −Z S(Σ̂(θ − θ⋆)); it is integrated until θ is within 1e-7 of Γ (relative), then the retraction (Newton
/// along the same normal directions the flow moves in) lands on Γ to rounding.
/// </summary>
public static class GradientFlowStart
{
    /// <summary>Φ(Z) for the rows of Z.</summary>
    public static Matrix<double> Of(Matrix<double> z, ProblemGeometry geometry)
    {
        Matrix<double> Field(Matrix<double> y)
        {
            var g = VirtualState.Gram(y);
            var grad = geometry.Sigma * (VirtualState.Theta(g) - geometry.ThetaStar);
            return -(y * VirtualState.Normal(grad));
        }
        var tol = new OdeTolerance(1e-10, 1e-14);
        var target = 1e-7 * (1 + geometry.ThetaStar.L2Norm());
        var h = 0.0;
        for (var chunk = 0; chunk < 50; chunk++)
        {
            var g = VirtualState.Gram(z);
            if (Retraction.Miss(g, geometry) <= target) break;
            // A chunk spans ten relaxation times of the slowest direction Γ's normal sees.
            var k = geometry.RowSpace.TransposeThisAndMultiply(VirtualState.ThetaKernel(g) * geometry.Sigma * geometry.RowSpace);
            var slowest = k.Evd().EigenValues.Real().Where(v => v > 0).DefaultIfEmpty(1).Min();
            (z, h) = DormandPrince.Advance(Field, z, 10 / slowest, h, tol);
        }
        return Retraction.OntoManifold(z, geometry);
    }
}
