using MathNet.Numerics.LinearAlgebra;

namespace Lnsgd.Core.Predictions;

/// <summary>
/// The slow dynamics of label noise SGD on Γ (docs/prediction.md §2): the projected gradient flow
/// dZ/dk = −(η²/4) P_T(Z) ∇R_Σ̃(Z) with R_Σ̃ = ‖a‖² tr Σ̃ + tr(WΣ̃Wᵀ). Time is τ = η²σ_b²k
/// (σ_b² = <see cref="StepNoise.NoiseVariance"/>), so the limit flow, Σ̃ = σ_b²Σ̂, does not depend
/// on η or σ at all: dZ/dτ = −¼ Z P_T(B(Σ̂)).
/// </summary>
public sealed class RegulariserFlow
{
    private readonly ProblemGeometry _geometry;
    private readonly StepNoise _noise;
    private readonly FlowKind _kind;

    /// <summary>A flow of the given kind for a problem and a step.</summary>
    public RegulariserFlow(ProblemGeometry geometry, StepNoise noise, FlowKind kind) => (_geometry, _noise, _kind) = (geometry, noise, kind);

    /// <summary>Σ̃/σ_b² at a point: Σ̂ for the limit, Σ̃(C)/σ_b² for the corrected flow (C solved afresh).</summary>
    public Matrix<double> EffectiveSigma(Matrix<double> g) =>
        _kind is FlowKind.Limit ? _geometry.Sigma : _noise.GradientMoment(_geometry, Covariance(g, null, 1e-12)) / _noise.NoiseVariance;

    // C at the point with Gram matrix g; its absence means the linearised step has no stationary state.
    private Matrix<double> Covariance(Matrix<double> g, Matrix<double>? guess, double tolerance) =>
        StationaryResidual.Solve(g, _geometry, _noise, guess, tolerance)
        ?? throw new ArithmeticException("the linearised step has no stationary residual variance here (η too large for the current curvature)");

    /// <summary>dZ/dτ = −¼ Z P_T(B(Σ̃/σ_b²)), plus the balance closure for the corrected flow (<see cref="BalanceClosure"/>).</summary>
    public Matrix<double> Field(Matrix<double> z)
    {
        if (_kind is FlowKind.Limit) return ProjectedField.Of(z, _geometry.Sigma, _geometry);
        var g = VirtualState.Gram(z);
        var c = Covariance(g, null, 1e-12);
        var sigma = _noise.GradientMoment(_geometry, c) / _noise.NoiseVariance;
        return ProjectedField.Of(z, sigma, _geometry) + BalanceClosure.Field(z, BalanceClosure.Rate(g, c, sigma));
    }

    /// <summary>
    /// The states at the increasing times <paramref name="taus"/> (τ units), from <paramref name="start"/>
    /// at τ = <paramref name="from"/>, each retracted onto Γ: one integration, read at the times.
    /// </summary>
    public IEnumerable<Matrix<double>> Path(Matrix<double> start, double from, IEnumerable<double> taus, OdeTolerance? tolerance = null)
    {
        var times = taus.ToArray();
        for (var i = 0; i < times.Length; i++)
            if (times[i] < (i == 0 ? from : times[i - 1])) throw new ArgumentException("the output times must increase", nameof(taus));
        if (times.Length == 0) return [];
        var trajectory = Trajectory(start, times[^1] - from, tolerance);
        return times.Select(tau => trajectory.State(tau - from));
    }

    /// <summary>
    /// The flow from <paramref name="start"/> over τ ∈ [0, <paramref name="span"/>]. The corrected
    /// flow solves C at every accepted solver step (warm-started from the last two) and uses Σ̃
    /// extrapolated linearly from them inside a step: Σ̃ moves on the flow's own time scale, so this
    /// is second order in the step (docs/prediction.md §4).
    /// </summary>
    public FlowTrajectory Trajectory(Matrix<double> start, double span, OdeTolerance? tolerance = null)
    {
        var tol = tolerance ?? OdeTolerance.Default;
        Matrix<double> Project(Matrix<double> y) => Retraction.OntoManifold(y, _geometry);
        Matrix<double> FieldWith(Matrix<double> sigma, Matrix<double> z) => ProjectedField.Of(z, sigma, _geometry);
        if (_kind is FlowKind.Limit)
        {
            var (limit, _) = DormandPrince.Integrate((_, z) => FieldWith(_geometry.Sigma, z), start, 0, span, 0, tol, Project);
            return new FlowTrajectory(limit, (z, _) => Project(z), []);
        }
        if (span <= 0)
        {
            // No label noise (σ = 0) or no steps: nothing moves along Γ, and C is the one at the start.
            var still = Covariance(VirtualState.Gram(start), null, Track);
            return new FlowTrajectory(DormandPrince.Integrate((_, z) => z, start, 0, 0, 0, tol).Solution, (z, _) => Project(z), [(0.0, still, _geometry.Sigma)]);
        }
        var track = new List<(double Tau, Matrix<double> C, Matrix<double> Sigma)>();
        Matrix<double> Extrapolate(double tau, Func<(double Tau, Matrix<double> C, Matrix<double> Sigma), Matrix<double>> part)
        {
            if (track.Count < 2) return part(track[^1]);
            var (previous, last) = (track[^2], track[^1]);
            var w = (tau - last.Tau) / (last.Tau - previous.Tau);
            return part(last) + w * (part(last) - part(previous));
        }
        Matrix<double>? solvedAt = null;
        void Refresh(double tau, Matrix<double> z)
        {
            var g = VirtualState.Gram(z);
            // Near the plateau G barely moves between steps: C at the last solve is then C here to Track.
            if (solvedAt is not null && (g - solvedAt).FrobeniusNorm() <= Still * solvedAt.FrobeniusNorm())
            {
                track.Add((tau, track[^1].C, track[^1].Sigma));
                return;
            }
            var guess = track.Count == 0 ? null : Extrapolate(tau, e => e.C);
            var c = Covariance(g, guess, Track);
            solvedAt = g;
            track.Add((tau, c, _noise.GradientMoment(_geometry, c) / _noise.NoiseVariance));
        }
        // The corrected state stays on the parallel manifold of its mean residual (docs/prediction.md §6),
        // the residual taken at the last solve of C: it moves on the flow's time scale.
        Matrix<double> Shifted(Matrix<double> z) => track.Count == 0 ? Project(z) : OntoShifted(z, track[^1].C, track[^1].Sigma);
        Refresh(0, start);
        // The regulariser's projected field and the balance closure (BalanceClosure), both with Σ̃ and C extrapolated.
        Matrix<double> Corrected(double tau, Matrix<double> z)
        {
            var sigma = Extrapolate(tau, e => e.Sigma);
            return FieldWith(sigma, z) + BalanceClosure.Field(z, BalanceClosure.Rate(VirtualState.Gram(z), Extrapolate(tau, e => e.C), sigma));
        }
        var (solution, _) = DormandPrince.Integrate(Corrected, start, 0, span, 0, tol, Shifted, Refresh);
        return new FlowTrajectory(solution, (z, at) => at is { } e ? OntoShifted(z, e.C, e.Sigma) : Project(z), track);
    }

    // The rows retracted onto {θ = θ⋆ + δ − Uθ} for the fluctuation C and Σ̃/σ_b² (MeanResidual.StateTheta).
    private Matrix<double> OntoShifted(Matrix<double> z, Matrix<double> c, Matrix<double> sigma) =>
        Retraction.OntoManifold(z, _geometry, MeanResidual.StateTheta(VirtualState.Gram(z), c, sigma, _geometry, _noise));

    // C along a trajectory only needs to be far inside the 5 % the prediction aims at: solved to
    // 1e-8 relative, and re-solved only once G has moved by 1e-4 relative since the last solve.
    private const double Track = 1e-6, Still = 1e-3;
}
