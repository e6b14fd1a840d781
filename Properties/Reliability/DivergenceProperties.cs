using Lnsgd.Core.Engines;
using FsCheck.Xunit;
using Lnsgd.Core.Measures;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Training;
using Xunit;

namespace Lnsgd.Properties.Reliability;

/// <summary>
/// Divergence is caught at the step it happens: after the reported number of steps the pure
/// step's network is non-finite or past the <see cref="RunawayRule"/>, and one step earlier it
/// was neither.
/// </summary>
public class DivergenceProperties
{
    private static TrainState After(RunSpec spec, long steps)
    {
        var state = Optimisers.Init(spec.Optimiser, spec.Initial);
        while (state.Step < steps) state = Optimisers.Update(spec.Optimiser, spec.Problem, state, spec.Config.Seed);
        return state;
    }

    private static bool Bad(RunSpec spec, RunawayRule rule, TrainState state)
    {
        var theta = state.Net.Theta();
        return !theta.All(double.IsFinite) || rule.Exceeded(spec.Problem, theta) is not null;
    }

    [Property(MaxTest = 60)]
    public bool A_divergence_is_reported_at_the_first_bad_step(int raw, ulong seed, byte etaRaw)
    {
        var config = Generators.Config(raw, seed, steps: 200, Generators.AllOptimisers) with
        {
            Eta = 0.5 + etaRaw % 40, Sigma = 1.0, InitScaleW = 2, InitScaleA = 2, RecordEvery = 1000,
        };
        var spec = RunSpec.Resolve(config);
        var run = Simulation.Collect(spec, Engine.Dense);
        var rule = RunawayRule.Of(spec);
        if (run.Divergence is not { } d) return !Enumerable.Range(1, (int)config.Steps).Any(t => Bad(spec, rule, After(spec, t)));
        if (d.Quantity == "recorded metrics") return true;   // a record step's metric overflowed first; checked where it is recorded
        var (at, before) = (After(spec, d.Step), After(spec, d.Step - 1));
        var kind = d.Quantity == "train loss"
            ? at.Net.Theta().All(double.IsFinite) && rule.Exceeded(spec.Problem, at.Net.Theta()) is > 0
            : !at.Net.Theta().All(double.IsFinite);
        return kind && !Bad(spec, rule, before) ? true : throw new Exception($"{d.Quantity} at {d.Step}: {kind}, before bad {Bad(spec, rule, before)}");
    }

    [Fact]
    public void The_runaway_limit_is_1e12_times_the_larger_reference_loss()
    {
        var spec = RunSpec.Resolve(new RunConfig { M = 20, N = 30, NTest = 10, Steps = 10 });
        var rule = RunawayRule.Of(spec);
        var reference = Math.Max(Metrics.TrainLoss(spec.Problem, spec.Initial.Theta()), Metrics.TrainLoss(spec.Problem, new double[spec.Problem.D]));
        Assert.Equal(1e12 * reference, rule.LossLimit);
        Assert.Null(rule.Exceeded(spec.Problem, spec.Problem.ThetaStar.AsSpan()));
        var far = spec.Problem.ThetaStar.Select(v => v * 1e7).ToArray();
        Assert.NotNull(rule.Exceeded(spec.Problem, far));
    }

    [Fact]
    public void The_cli_names_the_step_the_quantity_and_a_stable_step_size_and_keeps_the_last_checkpoint()
    {
        using var tmp = new TempFolder();
        var (code, _, stderr) = RunFolderProperties.Cli("run", "fig2", "--set", "m=50", "--set", "eta=0.02", "--steps", "2000", "--record-every", "10",
            "--checkpoint-every", "25", "--no-plots", "--quiet", "--out", tmp.Path);
        Assert.Equal(3, code);
        Assert.Matches(@"^lnsgd: run diverged at step \d+: train loss = [0-9.e-]+, more than 1e12 times its reference .*stable step size estimate 2/lambda_max = [0-9.eE+-]+.*the last good checkpoint \(before step \d+\) stays in .*checkpoint\.npz\n$", stderr);
        var manifest = File.ReadAllText(Path.Combine(tmp.Path, "manifest.json"));
        Assert.Contains("\"status\": \"diverged\"", manifest);
        Assert.Contains("\"quantity\": \"train loss\"", manifest);
        Assert.True(File.Exists(Path.Combine(tmp.Path, "checkpoint.npz")));
    }
}
