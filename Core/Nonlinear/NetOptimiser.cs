using Lnsgd.Core.Training;

namespace Lnsgd.Core.Nonlinear;

/// <summary>
/// How a nonlinear step uses the batch gradient: θ ← θ − η ∇L(θ̃), with θ̃ = θ (gradient
/// descent, full batch or SGD on mini-batches) or SAM's ascent point θ̃ = θ + ρ v/‖v‖, v = ∇L(θ),
/// both gradients on the same batch and the same (noisy) targets. The <see cref="Training.Ascent"/>
/// is the linear path's, so SAM has one coefficient rule (<see cref="Ascent.Sam.Coefficient"/>).
/// </summary>
public sealed record NetOptimiser(double Eta, Ascent Ascent)
{
    /// <summary>θ ← θ − η ∇L(θ).</summary>
    public static NetOptimiser Gd(double eta) => new(eta, Ascent.Off);

    /// <summary>Normalised SAM with radius <paramref name="rho"/>.</summary>
    public static NetOptimiser Sam(double eta, double rho) => new(eta, new Ascent.Sam(rho));
}
