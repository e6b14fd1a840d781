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
    // Warm start of the stationary-covariance iteration: results agree to its tolerance either way.
    private Matrix<double>? _lastCovariance;
    // Σ̃ is refreshed when G has moved by more than this fraction since the last solve
    // (docs/prediction.md §4: Σ̃ varies on the flow's own time scale; 1 % in G is well inside the 5 % target).
    private const double Refresh = 1e-2;
    private Matrix<double>? _lastGram, _lastSigma;

    /// <summary>A flow of the given kind for a problem and a step.</summary>
    public RegulariserFlow(ProblemGeometry geometry, StepNoise noise, FlowKind kind) => (_geometry, _noise, _kind) = (geometry, noise, kind);

    /// <summary>Σ̃/σ_b² at a point: Σ̂ for the limit, Σ̃(C)/σ_b² for the corrected flow.</summary>
    public Matrix<double> EffectiveSigma(Matrix<double> g)
    {
        if (_kind is FlowKind.Limit) return _geometry.Sigma;
        if (_lastGram is not null && (g - _lastGram).FrobeniusNorm() <= Refresh * _lastGram.FrobeniusNorm()) return _lastSigma!;
        var c = StationaryResidual.Solve(g, _geometry, _noise, _lastCovariance)
            ?? throw new ArithmeticException("the linearised step has no stationary residual variance here (η too large for the current curvature)");
        _lastCovariance = c;
        _lastGram = g;
        return _lastSigma = _noise.GradientMoment(_geometry, c) / _noise.NoiseVariance;
    }

    /// <summary>dZ/dτ = −¼ Z P_T(B(Σ̃/σ_b²)).</summary>
    public Matrix<double> Field(Matrix<double> z)
    {
        var g = VirtualState.Gram(z);
        var b = ImplicitRegulariser.GradientFactor(EffectiveSigma(g));
        return -0.25 * (z * TangentProjection.Project(g, b, _geometry.RowSpace));
    }

    /// <summary>
    /// The states at the increasing times <paramref name="taus"/> (τ units), from <paramref name="start"/>
    /// at τ = <paramref name="from"/>, lazily, each retracted onto Γ.
    /// </summary>
    public IEnumerable<Matrix<double>> Path(Matrix<double> start, double from, IEnumerable<double> taus, OdeTolerance? tolerance = null)
    {
        var tol = tolerance ?? OdeTolerance.Default;
        var (z, t, h) = (start, from, 0.0);
        foreach (var tau in taus)
        {
            if (tau < t) throw new ArgumentException("the output times must increase", nameof(taus));
            (z, h) = DormandPrince.Advance(Field, z, tau - t, h > 0 ? h : Math.Max(tau - t, 1e-6) / 10, tol, y => Retraction.OntoManifold(y, _geometry));
            t = tau;
            yield return z;
        }
    }
}
