using FsCheck.Xunit;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Training;
using Xunit;

namespace Lnsgd.Properties;

/// <summary>Noise schedules, and the periodic experiment's claim that noise-off steps are plain SGD.</summary>
public class ScheduleTests
{
    [Property(MaxTest = 60)]
    public bool Periodic_noise_off_steps_equal_plain_sgd_steps(int raw, ulong seed)
    {
        var config = Generators.Config(raw, seed, steps: 30, ["sgd"]) with { Schedule = "periodic", Sigma = 2.0, PeriodOn = 3, PeriodOff = 4 };
        var spec = RunSpec.Resolve(config);
        var clean = RunSpec.BuildOptimiser(config with { Sigma = 0.0 });
        var state = Optimisers.Init(spec.Optimiser, spec.Initial);
        for (var t = 0; t < config.Steps; t++)
        {
            var next = Optimisers.Update(spec.Optimiser, spec.Problem, state, config.Seed);
            if (t % 7 >= 3)
            {
                var plain = Optimisers.Update(clean, spec.Problem, state, config.Seed);
                if (!plain.Net.W.SequenceEqual(next.Net.W) || !plain.Net.A.SequenceEqual(next.Net.A)) return false;
            }
            state = next;
        }
        return true;
    }

    [Fact]
    public void Schedules_give_their_documented_factors()
    {
        Assert.Equal([1, 1, 1, 0, 0, 1], Enumerable.Range(0, 6).Select(t => new NoiseSchedule.Periodic(3, 2).Factor(t)));
        var piecewise = new NoiseSchedule.Piecewise([(0, 1.0), (10, 0.5), (20, 0.0)]);
        Assert.Equal([1.0, 1.0, 0.5, 0.5, 0.0], new long[] { 0, 9, 10, 19, 25 }.Select(piecewise.Factor));
        Assert.Equal([1.0, 0.75, 0.5, 0.5], new long[] { 0, 50, 100, 200 }.Select(new NoiseSchedule.LinearDecay(100, 0.5).Factor));
        Assert.Equal([1.0, 0.5, 0.25], new long[] { 0, 10, 20 }.Select(new NoiseSchedule.ExponentialDecay(10).Factor));
        Assert.Equal([(0L, 3L), (5L, 8L), (10L, 11L)], new NoiseSchedule.Periodic(3, 2).OnWindows(11));
    }

    [Theory]
    [InlineData("0:1,10:0.5", true)]
    [InlineData("0:1", true)]
    [InlineData("5:1", false)]
    [InlineData("0:1,10:0.5,10:0", false)]
    [InlineData("0:-1", false)]
    [InlineData("0:1,x:2", false)]
    [InlineData("", false)]
    public void Schedule_points_parse_only_when_well_formed(string text, bool ok) =>
        Assert.Equal(ok, SchedulePoints.TryParse(text) is not null);
}
