using Lnsgd.Core.Simulations;

namespace Lnsgd.Core.Predictions;

/// <summary>The predicted lazy escape of one run: the first step some / every neuron has left Definition 1's ball (null: not within the run).</summary>
public sealed record EscapeSteps(double? First, double? All);

/// <summary>
/// The lazy-escape law (docs/prediction.md §7) on its own, without the rest of the prediction:
/// the corrected flow from Φ(Z₀) over a horizon that grows ×4 from τ = 0.01 until every neuron
/// has escaped (or the run ends), then bisection on its continuous extension. Cheap enough to
/// evaluate over a whole (σ, η, m) grid.
/// </summary>
public static class EscapeLaw
{
    /// <summary>The predicted escape steps of a resolved run; the config must pass <see cref="Applicability.Refusal"/>.</summary>
    public static EscapeSteps Of(RunSpec spec)
    {
        var c = spec.Config;
        if (Applicability.Refusal(c) is { } why) throw new ArgumentException(why, nameof(spec));
        var geometry = ProblemGeometry.Of(spec.Problem);
        var noise = Predictor.NoiseOf(c);
        var expansion = NeuronExpansion.Of(spec.Initial);
        var start = GradientFlowStart.Of(expansion.Rows, geometry);
        var clock = c.Eta * c.Eta * noise.NoiseVariance;
        var flow = new RegulariserFlow(geometry, noise, new FlowKind.Corrected());
        for (var steps = Math.Min(c.Steps, Math.Max(1, (long)(0.01 / clock))); ; steps = Math.Min(c.Steps, steps * 4))
        {
            var trajectory = flow.Trajectory(start, clock * steps);
            var row = (long k) => expansion.Measure(trajectory.State(clock * k), k, spec.Problem);
            if (row(steps).EscapedFrac >= 1 || steps == c.Steps)
            {
                double? First(Func<Measures.MetricRow, bool> holds) =>
                    !holds(row(steps)) ? null : holds(row(0)) ? 0 : FirstCrossing.Between(0, steps, k => holds(row(k)));
                return new EscapeSteps(First(r => r.LazyStat > 1), First(r => r.EscapedFrac >= 1));
            }
        }
    }
}
