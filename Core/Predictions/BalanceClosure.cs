using MathNet.Numerics.LinearAlgebra;

namespace Lnsgd.Core.Predictions;

/// <summary>
/// The corrected flow's balance closure (docs/prediction.md §4). The paper's per-step identity
/// E[Δ(‖W‖² − ‖a‖²)] = η² E[r²(‖a‖²‖x‖² − ‖Wx‖²)] holds for the fluctuating network, whose
/// E‖a‖² = ‖a‖² + tr(WᵀWU) and E[WᵀW] = WᵀW + ‖a‖²U (ΔG, §5), while the flow's drift uses ‖a‖² and
/// WᵀW. Per unit τ the flow's balance drift misses trΣ̃'·tr(WᵀWU) − ‖a‖² tr(Σ̃'U) (Σ̃' = Σ̃/σ_b²).
/// The closure adds it along κ Z J, J = diag(I_d, −1): the rescaling W → e^κ W, a → e^−κ a, which
/// keeps θ (so it is tangent to Γ) and moves every neuron's balance in proportion to ‖z_i‖²:
/// κ = missing / (2(‖W‖_F² + ‖a‖²)). At a stationary point the two terms cancel, so the closure
/// leaves the endpoint where it was.
/// </summary>
public static class BalanceClosure
{
    /// <summary>κ per unit τ at the point with Gram matrix g, θ-covariance c and Σ̃' <paramref name="sigma"/>.</summary>
    public static double Rate(Matrix<double> g, Matrix<double> c, Matrix<double> sigma)
    {
        var d = g.RowCount - 1;
        var u = VirtualState.NormalCovariance(g, c);
        var wtw = VirtualState.WtW(g);
        var aSq = VirtualState.ANormSq(g);
        var missing = sigma.Trace() * (wtw * u).Trace() - aSq * (sigma * u).Trace();
        return missing / (2 * (wtw.Trace() + aSq));
    }

    /// <summary>The closure's field κ Z J.</summary>
    public static Matrix<double> Field(Matrix<double> z, double kappa)
    {
        var field = kappa * z;
        field.SetColumn(z.ColumnCount - 1, -kappa * z.Column(z.ColumnCount - 1));
        return field;
    }
}
