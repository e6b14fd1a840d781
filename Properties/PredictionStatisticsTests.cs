using Lnsgd.Core.Engines;
using Lnsgd.Core.Predictions;
using Lnsgd.Core.Simulations;
using Xunit;

namespace Lnsgd.Properties;

/// <summary>
/// The statistical test of the limiting flow (docs/prediction.md §2): at a small η the simulated
/// mean ‖w_i‖² follows the pure limit. Fixed seeds 0…7; each seed's deviation
/// simulated / limit − 1 at τ = 1 is one sample. The tolerance is 4 standard errors of those
/// samples plus the known first-order bias, the noise factor − 1 at the start (the limit leaves
/// out the network's own fluctuation, which speeds the drift by that factor).
/// </summary>
public class PredictionStatisticsTests
{
    [Fact]
    public void At_small_eta_the_simulation_follows_the_pure_limit()
    {
        const int seeds = 8;
        var config = new RunConfig { N = 40, NTest = 50, D = 5, M = 60, Eta = 5e-4, Sigma = 2.0, Steps = 1_000_000, RecordEvery = 1_000_000, Snapshots = 2 };
        var deviations = new double[seeds];
        var bias = 0.0;
        for (var s = 0; s < seeds; s++)
        {
            var spec = RunSpec.Resolve(config with { Seed = (ulong)s });
            var measured = Simulation.Collect(spec, Engine.Gram).Rows[^1].MeanWSq;
            var prediction = Predictor.Of(spec);
            var start = prediction.Limit.MeanWSq[0];
            var limit = prediction.Limit.MeanWSq[^1];
            Assert.True(limit < 0.8 * start, "the test must see the flow move");
            deviations[s] = measured / limit - 1;
            bias = Math.Max(bias, prediction.NoiseFactorAtStart - 1);
        }
        var mean = deviations.Average();
        var se = Math.Sqrt(deviations.Sum(v => (v - mean) * (v - mean)) / (seeds - 1) / seeds);
        Assert.True(Math.Abs(mean) <= 4 * se + bias, $"mean deviation {mean:G3}, standard error {se:G3}, first-order bias {bias:G3}");
    }
}
