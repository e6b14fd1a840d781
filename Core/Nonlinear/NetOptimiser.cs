namespace Lnsgd.Core.Nonlinear;

/// <summary>
/// How a step uses the batch gradient. Gradient descent (full batch, or SGD on mini-batches);
/// normalised SAM: v = ∇L(θ), θ̃ = θ + ρ v/‖v‖, θ ← θ − η ∇L(θ̃), both gradients on the same
/// batch and the same (noisy) targets; at v = 0 it is a plain step.
/// </summary>
public abstract record NetOptimiser(double Eta)
{
    /// <summary>θ ← θ − η ∇L(θ).</summary>
    public sealed record Gd(double Eta) : NetOptimiser(Eta);
    /// <summary>Normalised SAM with radius <paramref name="Rho"/>.</summary>
    public sealed record Sam(double Eta, double Rho) : NetOptimiser(Eta);
}
