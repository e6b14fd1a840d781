using Lnsgd.Core.Training;

namespace Lnsgd.Core.Engines;

/// <summary>
/// Floating-point operations of one in-place step, counted from the arithmetic the kernels do, so
/// that a benchmark can say how close an engine runs to the machine's limit. A step on r rows
/// (m neurons on the dense engine, d + 1 virtual neurons on the gram engine) of width d:
/// per sample r = θᵀx − y − ε (2d + 2) and g += r·x (2d); per row w·g (2d), c = η a and
/// a − η s (3), w − c g (2d) and θ += a w (2d).
/// </summary>
public static class StepCost
{
    /// <summary>Operations per step of <paramref name="optimiser"/> on <paramref name="rows"/> rows of width <paramref name="d"/>; null for steps not counted (SAM, the oscillation chain).</summary>
    public static double? Flops(Optimiser optimiser, int rows, int d, int n) => optimiser switch
    {
        { Ascent: not Ascent.None } or { Descent: not GradientStep } => null,
        { Oracle: GradientOracle.Sample s } => s.Batch * (4.0 * d + 2) + (s.Batch > 1 ? d : 0) + rows * (6.0 * d + 3),
        _ => n * (4.0 * d + 2) + d + rows * (6.0 * d + 3),
    };
}
