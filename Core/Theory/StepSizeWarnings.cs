using System.Collections.Immutable;
using System.Globalization;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Training;

namespace Lnsgd.Core.Theory;

/// <summary>
/// One-line warnings about a run's step size, decided at θ₀ before any step (docs/STEP-SIZE.md):
/// η above <see cref="StableFraction"/> of the stable step size 2/λ(θ₀), and the lazy noise
/// floor: with label noise, while the network is lazy θ fluctuates around θ⋆ with a clean loss
/// near ½σ²·ηT/(2 − ηT(1 + 2/d)) (T = mean_i x_iᵀ C x_i), and Phase I — which shrinks C and with
/// it that floor — runs on a scale of 1/(ησ)² steps; when the floor is well above the initial
/// loss and that scale exceeds the run, the clean loss jumps to the floor and stays there.
/// </summary>
public static class StepSizeWarnings
{
    /// <summary>η above this fraction of the stable step size is warned about.</summary>
    public const double StableFraction = 0.9;

    /// <summary>The warnings for <paramref name="spec"/>, each one line without a prefix; empty when there are none.</summary>
    public static ImmutableArray<string> Of(RunSpec spec)
    {
        var c = spec.Config;
        var warnings = ImmutableArray.CreateBuilder<string>();
        var ratio = c.Eta / spec.StableEta;
        if (ratio > StableFraction && spec.Optimiser.Descent is not OscillationStep)
            warnings.Add($"eta = {G(c.Eta)} is {ratio.ToString("0.##", CultureInfo.InvariantCulture)} of the stable step size estimate 2/lambda = {G(spec.StableEta)} at initialisation (it falls like 1/m at this initialisation); the run may diverge; eta_relative = 0.5 sets eta to half of it");
        if (NoiseFloor(spec) is { } floor)
        {
            var scale = 1.0 / (c.Eta * c.Eta * c.Sigma * c.Sigma);
            var initial = Measures.Metrics.TrainLoss(spec.Problem, spec.Initial.Theta());
            if (floor > 4 * Math.Max(initial, 0.5 * Kernels.SquaredNorm(spec.Problem.ThetaStar.AsSpan())) && scale > 10.0 * c.Steps)
                warnings.Add($"label noise will hold the clean loss near {G(floor)} (its lazy noise floor; initial loss {G(initial)}) and at this eta Phase I, which lowers it, needs about 1/(eta sigma)^2 = {G(scale)} steps, more than the run's {c.Steps}: expect the test loss to jump and stay; a larger eta or sigma shortens Phase I");
        }
        return warnings.ToImmutable();
    }

    /// <summary>
    /// ½σ²·ηT/(2 − ηT(1 + 2/d)): the stationary clean loss of label noise SGD (batch 1, constant
    /// schedule) linearised at θ₀ with kernel C, for isotropic inputs; null when it does not apply
    /// or the linearised step is not mean-square stable.
    /// </summary>
    public static double? NoiseFloor(RunSpec spec)
    {
        var c = spec.Config;
        if (spec.Optimiser is not { Oracle: GradientOracle.Sample { Batch: 1 }, Ascent: Ascent.None, Descent: GradientStep } || c.Sigma <= 0 || c.Schedule != "constant" || spec.InitialCurvature is not { } k) return null;
        var q = c.Eta * k.MeanSample;
        var denominator = 2.0 - q * (1.0 + 2.0 / c.D);
        return denominator > 0 ? 0.5 * c.Sigma * c.Sigma * q / denominator : null;
    }

    private static string G(double v) => v.ToString("G3", CultureInfo.InvariantCulture);
}
