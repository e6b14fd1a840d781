using FsCheck.Xunit;
using Lnsgd.Core.Measures;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Training;

namespace Lnsgd.Properties;

/// <summary>Plain GD below the stability bound never increases the training loss.</summary>
public class GradientDescentTests
{
    // The bound λ moves along the path (the net grows to fit), so the law is checked at each
    // step against the curvature bound of the state that step starts from: whenever
    // η ≤ 1/λ_t (half the stable step 2/λ_t), L must not increase.
    [Property(MaxTest = 40)]
    public bool Gd_training_loss_never_increases_below_the_stability_bound(int raw, ulong seed)
    {
        var config = Generators.Config(raw, seed) with { Optimizer = "gd", Sigma = 0.0 };
        var spec = RunSpec.Resolve(config);
        var eta = 0.5 * Curvature.StableStepSize(Curvature.FullBatch(spec.Problem, spec.Initial));
        var optimiser = Optimiser.Gd(eta, LabelNoise.Off);
        var state = Optimisers.Init(spec.Optimiser, spec.Initial);
        var loss = Metrics.TrainLoss(spec.Problem, state.Net.Theta());
        var floor = 1e-24 * (1 + loss); // losses at the rounding level of the labels fluctuate freely
        var checkedSteps = 0;
        for (var t = 0; t < 200; t++)
        {
            var stable = eta * Curvature.FullBatch(spec.Problem, state.Net) <= 1.0;
            state = Optimisers.Update(optimiser, spec.Problem, state, config.Seed);
            var next = Metrics.TrainLoss(spec.Problem, state.Net.Theta());
            if (stable)
            {
                checkedSteps++;
                if (next > loss * (1 + 1e-12) + floor) throw new Exception($"step {t}: loss {loss:R} -> {next:R} at eta {eta:R}");
            }
            loss = next;
        }
        return checkedSteps > 0;
    }
}
