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
            // −Z S(g), g = Σ̂(θ − θ⋆): column j moves by −g_j a, a by −Σ_j g_j w_j.
            int r = y.RowCount, d = geometry.D;
            var yc = y.AsColumnMajorArray() ?? y.ToColumnMajorArray();
            var a = new ReadOnlySpan<double>(yc, d * r, r);
            var miss = new double[d];
            for (var j = 0; j < d; j++)
            {
                var cj = new ReadOnlySpan<double>(yc, j * r, r);
                var dot = 0.0;
                for (var i = 0; i < r; i++) dot += cj[i] * a[i];
                miss[j] = dot - geometry.ThetaStar[j];
            }
            var grad = geometry.Sigma * Vector<double>.Build.Dense(miss);
            var result = new double[r * (d + 1)];
            for (var j = 0; j < d; j++)
            {
                var gj = grad[j];
                var cj = new ReadOnlySpan<double>(yc, j * r, r);
                for (var i = 0; i < r; i++)
                {
                    result[j * r + i] = -gj * a[i];
                    result[d * r + i] -= gj * cj[i];
                }
            }
            return Matrix<double>.Build.Dense(r, d + 1, result);
        }
        var tol = new OdeTolerance(1e-9, 1e-13);
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
