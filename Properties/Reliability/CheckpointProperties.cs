using FsCheck.Xunit;
using Lnsgd.Core.Engines;
using Lnsgd.Core.Interchange;
using Lnsgd.Core.Simulations;

namespace Lnsgd.Properties.Reliability;

/// <summary>
/// Stop anywhere, save, load, resume: the continued run is the uninterrupted run, bit for bit,
/// on every optimiser and both engines. This is the proof that the checkpoint holds all of the
/// engine's and the recorder's state (the RNG is counter-based and has none).
/// </summary>
public class CheckpointProperties
{
    /// <summary>A generated config on every optimiser, on the gram engine when asked and valid, 60 steps.</summary>
    internal static (RunSpec Spec, Engine Engine) Case(int raw, ulong seed, bool gram, long steps = 60)
    {
        var c = Generators.Config(raw, seed, steps, Generators.AllOptimisers) with { Snapshots = 4 };
        if (gram && EngineChoice.GramIsValid(RunSpec.BuildOptimiser(c)))
            return (RunSpec.Resolve(c with { M = c.D + 2 + (int)((uint)raw % 7), Engine = "gram" }), Engine.Gram);
        return (RunSpec.Resolve(c), Engine.Dense);
    }

    private static Checkpoint RoundTrip(Checkpoint c)
    {
        var (back, error) = CheckpointArrays.Read(Npz.Parse(Npz.ToBytes(CheckpointArrays.Of(c))));
        return back ?? throw new InvalidOperationException(error);
    }

    private static Trajectory Resume(RunSpec spec, Engine engine, Checkpoint from) =>
        from.Continue(Simulation.Run(spec, engine, new RunControl { From = from }));

    [Property(MaxTest = 200)]
    public bool Stop_save_load_and_resume_equals_the_uninterrupted_run_bit_for_bit(int raw, ulong seed, bool gram, uint stopRaw, byte every)
    {
        var (spec, engine) = Case(raw, seed, gram);
        var full = Simulation.Collect(spec, engine);
        var stop = stopRaw % (spec.Config.Steps + 1);
        var events = Simulation.Run(spec, engine, new RunControl { StopBefore = t => t == stop, CheckpointEvery = every % 9 }).ToList();
        var stopped = events.OfType<RunEvent.Stopped>().SingleOrDefault();
        if (stopped is null)   // it ended first: diverged before the stop step, or the stop is the last step
            return BitEquality.Difference(Trajectory.Of(events), full) is null && (full.Divergence is not null || stop == spec.Config.Steps);
        var difference = BitEquality.Difference(Resume(spec, engine, RoundTrip(stopped.Value)), full);
        return difference is null ? true : throw new Exception($"stop {stop} on {engine}: {difference}");
    }

    [Property(MaxTest = 60)]
    public bool The_end_checkpoint_changes_no_event_and_resumes_to_the_uninterrupted_run(int raw, ulong seed, bool gram)
    {
        var (spec, engine) = Case(raw, seed, gram);
        var full = Simulation.Collect(spec, engine);
        var events = Simulation.Run(spec, engine, new RunControl { CheckpointAtEnd = true }).ToList();
        if (BitEquality.Difference(Trajectory.Of(events), full) is { } changed) throw new Exception($"CheckpointAtEnd changed the run: {changed}");
        var end = events.OfType<RunEvent.Checkpointed>().SingleOrDefault();
        if (end is null) return full.Divergence is not null;   // diverged before the last step
        return end.Value.State.Step == spec.Config.Steps && BitEquality.Difference(Resume(spec, engine, RoundTrip(end.Value)), full) is null;
    }

    [Property(MaxTest = 60)]
    public bool Every_periodic_checkpoint_resumes_to_the_uninterrupted_run(int raw, ulong seed, bool gram, byte every)
    {
        var (spec, engine) = Case(raw, seed, gram);
        var full = Simulation.Collect(spec, engine);
        var checkpoints = Simulation.Run(spec, engine, new RunControl { CheckpointEvery = 1 + every % 20 }).OfType<RunEvent.Checkpointed>().ToList();
        return checkpoints.All(c => BitEquality.Difference(Resume(spec, engine, RoundTrip(c.Value)), full) is null);
    }

    [Property(MaxTest = 60)]
    public bool A_resumed_run_writes_the_same_later_checkpoints(int raw, ulong seed, bool gram, uint stopRaw)
    {
        var (spec, engine) = Case(raw, seed, gram);
        var stop = 1 + stopRaw % (spec.Config.Steps - 1);
        var control = new RunControl { CheckpointEvery = 4 };
        var first = Simulation.Run(spec, engine, control).OfType<RunEvent.Checkpointed>().Where(c => c.Value.State.Step > stop).ToList();
        var stopped = Simulation.Run(spec, engine, control with { StopBefore = t => t == stop }).OfType<RunEvent.Stopped>().SingleOrDefault();
        if (stopped is null) return true;   // diverged before the stop
        var again = Simulation.Run(spec, engine, control with { From = stopped.Value }).OfType<RunEvent.Checkpointed>().ToList();
        return first.Count == again.Count && first.Zip(again).All(p =>
            Npz.ToBytes(CheckpointArrays.Of(p.First.Value)).AsSpan().SequenceEqual(Npz.ToBytes(CheckpointArrays.Of(p.Second.Value))));
    }

    [Property(MaxTest = 50)]
    public bool A_checkpoint_does_not_continue_another_run_or_engine(int raw, ulong seed, uint stopRaw)
    {
        var (spec, engine) = Case(raw, seed, gram: false);
        var stop = stopRaw % spec.Config.Steps;
        var stopped = Simulation.Run(spec, engine, new RunControl { StopBefore = t => t == stop }).OfType<RunEvent.Stopped>().SingleOrDefault();
        if (stopped is null) return true;
        var other = RunSpec.Resolve(spec.Config with { Seed = unchecked(seed + 1) });
        var longer = RunSpec.Resolve(spec.Config with { RecordEvery = spec.Config.RecordEvery + 1 });
        return Checkpoint.Check(stopped.Value, spec, engine) is null
            && Checkpoint.Check(stopped.Value, other, engine) is not null
            && Checkpoint.Check(stopped.Value, longer, engine) is not null
            && Checkpoint.Check(stopped.Value, spec, Engine.Gram) is not null
            && Checkpoint.Check(stopped.Value with { State = stopped.Value.State with { Step = spec.Config.Steps + 1 } }, spec, engine) is not null;
    }

    [Property(MaxTest = 100)]
    public bool The_codec_round_trip_is_exact(int raw, ulong seed, bool gram, uint stopRaw)
    {
        var (spec, engine) = Case(raw, seed, gram);
        var stop = stopRaw % spec.Config.Steps;
        var stopped = Simulation.Run(spec, engine, new RunControl { StopBefore = t => t == stop }).OfType<RunEvent.Stopped>().SingleOrDefault();
        if (stopped is null) return true;
        var (a, b) = (stopped.Value, RoundTrip(stopped.Value));
        return a.Fingerprint == b.Fingerprint && a.State.Step == b.State.Step && a.State.Engine == b.State.Engine
            && BitEquality.Same(a.State.W, b.State.W) && BitEquality.Same(a.State.A, b.State.A) && BitEquality.Same(a.State.Theta, b.State.Theta)
            && BitEquality.Difference(RunSessionRecorded(a), RunSessionRecorded(b)) is null;
    }

    private static Trajectory RunSessionRecorded(Checkpoint c) => new(c.Rows, c.Trace, c.Snapshots, null, null);
}
