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
    private readonly ProblemGeometry _geometry;
    private readonly IReadOnlyList<(double Tau, Matrix<double> C)> _track;

    internal FlowTrajectory(DenseSolution solution, ProblemGeometry geometry, IReadOnlyList<(double Tau, Matrix<double> C)> track) =>
        (_solution, _geometry, _track) = (solution, geometry, track);

    /// <summary>The span's last τ.</summary>
    public double End => _solution.End;

    /// <summary>Accepted solver steps.</summary>
    public int Steps => _solution.Steps;

    /// <summary>The rows at τ, retracted onto Γ.</summary>
    public Matrix<double> State(double tau) =>
        tau >= _solution.End ? _solution.Final : Retraction.OntoManifold(_solution.At(tau), _geometry);

    /// <summary>C at τ (null for the limit flow, which has no fluctuation).</summary>
    public Matrix<double>? Covariance(double tau)
    {
        if (_track.Count == 0) return null;
        if (tau <= _track[0].Tau) return _track[0].C;
        if (tau >= _track[^1].Tau) return _track[^1].C;
        var (lo, hi) = (0, _track.Count - 1);
        while (hi - lo > 1)
        {
            var mid = (lo + hi) / 2;
            if (_track[mid].Tau <= tau) lo = mid; else hi = mid;
        }
        var w = (tau - _track[lo].Tau) / (_track[hi].Tau - _track[lo].Tau);
        return (1 - w) * _track[lo].C + w * _track[hi].C;
    }
}
