using MathNet.Numerics.LinearAlgebra;

namespace Lnsgd.Core.Predictions;

/// <summary>
/// The implicit regulariser of label noise SGD, R = tr ∇²L on Γ (Blanc et al. 2020; Damian et
/// al. 2021; Li, Wang &amp; Arora 2022). For ŷ = aᵀWx it is R(W, a) = ‖a‖² tr Σ + tr(W Σ Wᵀ)
/// (docs/prediction.md §1), with Σ = Σ̂ for the limit and a weighted Σ̃ for the corrected flow.
/// </summary>
public static class ImplicitRegulariser
{
    /// <summary>R from the Gram matrix: ‖a‖² tr Σ + ⟨WᵀW, Σ⟩.</summary>
    public static double Value(Matrix<double> g, Matrix<double> sigma)
    {
        var d = sigma.RowCount;
        var r = VirtualState.ANormSq(g) * sigma.Trace();
        for (var i = 0; i < d; i++)
            for (var j = 0; j < d; j++) r += g[i, j] * sigma[i, j];
        return r;
    }

    /// <summary>B with ∇_Z R = Z B: B = 2 diag(Σ, tr Σ), a (d+1)×(d+1) matrix.</summary>
    public static Matrix<double> GradientFactor(Matrix<double> sigma)
    {
        var d = sigma.RowCount;
        var b = Matrix<double>.Build.Dense(d + 1, d + 1);
        b.SetSubMatrix(0, 0, 2 * sigma);
        b[d, d] = 2 * sigma.Trace();
        return b;
    }
}
