namespace Lnsgd.Core.Training;

/// <summary>
/// Where an <see cref="Optimiser"/> evaluates its gradient oracle: at Θ itself, or at SAM's
/// ascent point. An optimiser has exactly one ascent, so SAM around SAM cannot be written.
/// </summary>
public abstract record Ascent
{
    private Ascent() { }

    /// <summary>The gradient at Θ.</summary>
    public sealed record None : Ascent;

    /// <summary>
    /// Normalised SAM (the paper's Section "Extension", Fig. 4): Θ̃ = Θ + ρ v/‖v‖ with v the
    /// gradient at Θ, then the gradient at Θ̃ with the same rows and noise draws. ρ = 0 is no ascent.
    /// The same rule serves the two-layer linear net (<see cref="SamPerturbation"/>) and the
    /// nonlinear nets (<see cref="Nonlinear.NetStep"/>).
    /// </summary>
    public sealed record Sam(double Rho) : Ascent
    {
        /// <summary>
        /// c = ρ/‖v‖ for a gradient of norm <paramref name="norm"/>, and 0 when ρ = 0 or the norm is
        /// 0 or not finite (a zero gradient has no ascent direction): the one SAM coefficient rule.
        /// </summary>
        public double Coefficient(double norm) => Rho != 0.0 && norm > 0 && double.IsFinite(norm) ? Rho / norm : 0.0;
    }

    /// <summary>No ascent: the gradient at Θ.</summary>
    public static Ascent Off { get; } = new None();
}
