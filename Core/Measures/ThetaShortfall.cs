using Lnsgd.Core.Engines;
using Lnsgd.Core.Simulations;

namespace Lnsgd.Core.Measures;

/// <summary>
/// How far a run's time-averaged θ falls short of θ⋆ along θ⋆, 1 − E[θ]·θ⋆/‖θ⋆‖², over the steps
/// from <c>from</c> to the end, θ read every <c>every</c> steps: the measured side of the predicted
/// mean residual (docs/prediction.md §6). Along θ⋆ the residual relaxes within a few hundred steps
/// at fig2, so reads 100 steps apart are close to independent there. NaN if the run diverges.
/// </summary>
public static class ThetaShortfall
{
    /// <summary>The shortfall over steps <paramref name="from"/> … the run's end, on the gram engine.</summary>
    public static double Of(RunSpec spec, long from, long every)
    {
        var (steps, star) = (spec.Config.Steps, spec.Problem.ThetaStar);
        var stepper = Stepper.Start(spec, Engine.Gram);
        if (!stepper.Advance(0, from)) return double.NaN;
        var (along, count) = (0.0, 0);
        for (var t = from; t + every <= steps; t += every)
        {
            if (!stepper.Advance(t, every)) return double.NaN;
            var theta = stepper.Theta;
            for (var j = 0; j < star.Length; j++) along += theta[j] * star[j];
            count++;
        }
        return 1 - along / count / star.Sum(v => v * v);
    }
}
