using MathNet.Numerics.LinearAlgebra;

namespace Lnsgd.Core.Predictions;

/// <summary>
/// One integrated regulariser flow (docs/prediction.md §2–§4): the rows at any τ of the span, put
/// back on Γ, and for the corrected flow the stationary covariance C of θ − θ⋆ along it, solved at
/// every accepted solver step and interpolated linearly between them.
/// </summary>
public sealed class FlowTrajectory
{
    private readonly DenseSolution _solution;
    private readonly Func<Matrix<double>, (Matrix<double> C, Matrix<double> Sigma)?, Matrix<double>> _retract;
    private readonly IReadOnlyList<(double Tau, Matrix<double> C, Matrix<double> Sigma)> _track;

    // retract(rows, (C, Σ̃/σ_b²) at τ) puts interpolated rows back where the flow's states live: Γ for
    // the limit, the parallel manifold of the mean residual for the corrected flow (docs/prediction.md §6).
    internal FlowTrajectory(DenseSolution solution, Func<Matrix<double>, (Matrix<double> C, Matrix<double> Sigma)?, Matrix<double>> retract,
        IReadOnlyList<(double Tau, Matrix<double> C, Matrix<double> Sigma)> track) =>
        (_solution, _retract, _track) = (solution, retract, track);

    /// <summary>The span's last τ.</summary>
    public double End => _solution.End;

    /// <summary>Accepted solver steps.</summary>
    public int Steps => _solution.Steps;

    /// <summary>The rows at τ, retracted onto the flow's manifold.</summary>
    public Matrix<double> State(double tau) =>
        tau >= _solution.End ? _solution.Final : _retract(_solution.At(tau), _track.Count == 0 ? null : (At(tau, e => e.C), At(tau, e => e.Sigma)));

    /// <summary>C at τ (null for the limit flow, which has no fluctuation).</summary>
    public Matrix<double>? Covariance(double tau) => _track.Count == 0 ? null : At(tau, e => e.C);

    // A tracked matrix at τ, linear between solves (Σ̃ is affine in C, so both interpolate alike).
    private Matrix<double> At(double tau, Func<(double Tau, Matrix<double> C, Matrix<double> Sigma), Matrix<double> > part)
    {
        if (tau <= _track[0].Tau) return part(_track[0]);
        if (tau >= _track[^1].Tau) return part(_track[^1]);
        var (lo, hi) = (0, _track.Count - 1);
        while (hi - lo > 1)
        {
            var mid = (lo + hi) / 2;
            if (_track[mid].Tau <= tau) lo = mid; else hi = mid;
        }
        var w = (tau - _track[lo].Tau) / (_track[hi].Tau - _track[lo].Tau);
        return (1 - w) * part(_track[lo]) + w * part(_track[hi]);
    }
}
