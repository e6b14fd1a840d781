using Lnsgd.Core.Engines;
using FsCheck.Xunit;
using Lnsgd.Core.Measures;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Training;

namespace Lnsgd.Properties;

/// <summary>A run equals the fold of the pure step, bit for bit, and depends on nothing but its config.</summary>
public class EngineTests
{
    /// <summary>The pure fold with the recorder's rules; null when it stops on a non-finite value.</summary>
    private static Lnsgd.Core.Networks.Network? FoldPure(RunSpec spec, List<MetricRow> rows)
    {
        var state = Optimisers.Init(spec.Optimiser, spec.Initial);
        while (true)
        {
            if (spec.IsRecordStep(state.Step))
            {
                var row = Metrics.Row(state.Step, spec.Problem, spec.Initial, state.Net);
                if (!row.Values().All(double.IsFinite)) return null;
                rows.Add(row);
            }
            if (state.Step == spec.Config.Steps) return state.Net;
            state = Optimisers.Update(spec.Optimiser, spec.Problem, state, spec.Config.Seed);
            if (!state.Net.Theta().All(double.IsFinite)) return null;
        }
    }

    [Property(MaxTest = 150)]
    public bool The_fast_in_place_run_equals_the_fold_of_the_pure_step_bit_for_bit(int raw, ulong seed)
    {
        var spec = RunSpec.Resolve(Generators.Config(raw, seed, steps: 40, Generators.AllOptimisers));
        var pureRows = new List<MetricRow>();
        var pure = FoldPure(spec, pureRows);
        var run = Simulation.Collect(spec, Engine.Dense);
        if (!run.Rows.SequenceEqual(pureRows)) return false;
        return pure is null
            ? run.Divergence is not null
            : run.Final is not null && run.Final.W.SequenceEqual(pure.W) && run.Final.A.SequenceEqual(pure.A);
    }

    [Property(MaxTest = 30)]
    public bool Same_seed_same_trajectory_different_seed_different_trajectory(int raw, ulong seed)
    {
        var config = Generators.Config(raw, seed) with { Sigma = 1.0 };
        var a = Simulation.Collect(RunSpec.Resolve(config), Engine.Dense);
        var b = Simulation.Collect(RunSpec.Resolve(config), Engine.Dense);
        var c = Simulation.Collect(RunSpec.Resolve(config with { Seed = unchecked(seed + 1) }), Engine.Dense);
        return Trajectory.Hash(a.Rows) == Trajectory.Hash(b.Rows) && a.Rows.SequenceEqual(b.Rows)
            && a.Final!.W.SequenceEqual(b.Final!.W)
            && Trajectory.Hash(a.Rows) != Trajectory.Hash(c.Rows);
    }

    [Property(MaxTest = 30)]
    public bool A_non_finite_run_stops_at_the_step_it_blows_up_and_keeps_its_valid_records(int raw, ulong seed)
    {
        var config = Generators.Config(raw, seed, steps: 400) with { Eta = 50.0, Sigma = 1.0, InitScaleW = 3, InitScaleA = 3 };
        var run = Simulation.Collect(RunSpec.Resolve(config), Engine.Dense);
        if (run.Divergence is null) return run.Final is not null;   // a tiny net may survive; then it finished
        return run.Final is null && run.Divergence.StableEta > 0
            && run.Rows.All(r => r.Values().All(double.IsFinite) && r.Step < run.Divergence.Step);
    }
}
