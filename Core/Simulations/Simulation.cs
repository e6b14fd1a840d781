using System.Collections.Immutable;
using System.Globalization;
using Lnsgd.Core.Engines;
using Lnsgd.Core.Measures;
using Lnsgd.Core.Training;

namespace Lnsgd.Core.Simulations;

/// <summary>
/// A run as a lazy fold of the optimiser's step: it yields a record every K steps (and at the
/// first and last step), snapshots at the chosen steps, and a final or divergence event.
/// Deterministic: the same spec yields the same events, bit for bit.
/// </summary>
public static class Simulation
{
    /// <summary>
    /// The events of the run described by <paramref name="spec"/>, on the engine its config names
    /// (<c>auto</c> by default: gram where it is exact and cheaper, see <see cref="EngineChoice.Resolve"/>).
    /// </summary>
    public static IEnumerable<RunEvent> Run(RunSpec spec) => Run(spec, EngineChoice.Of(spec), RunControl.None);

    /// <summary>The events of the run described by <paramref name="spec"/>, on the given engine.</summary>
    public static IEnumerable<RunEvent> Run(RunSpec spec, Engine engine) => Run(spec, engine, RunControl.None);

    /// <summary>
    /// As <see cref="Run(RunSpec, Engine)"/>, driven by <paramref name="control"/>: it may start
    /// from a checkpoint, emit <see cref="RunEvent.Checkpointed"/> every K steps and end early with
    /// <see cref="RunEvent.Stopped"/>. A run resumed from any checkpoint yields, after that
    /// checkpoint's records, exactly the events of the uninterrupted run. A checkpoint that fails
    /// <see cref="Checkpoint.Check"/> throws <see cref="ArgumentException"/> at once.
    /// </summary>
    public static IEnumerable<RunEvent> Run(RunSpec spec, Engine engine, RunControl control)
    {
        if (control.From is { } from && Checkpoint.Check(from, spec, engine) is { } error)
            throw new ArgumentException($"cannot resume from this checkpoint: {error}", nameof(control));
        return Events(spec, engine, control);
    }

    // m·d from which the checkpoint fingerprint is hashed beside the steps (a 8 MB first layer).
    private const int WideFingerprint = 1 << 20;

    private static IEnumerable<RunEvent> Events(RunSpec spec, Engine engine, RunControl control)
    {
        var from = control.From;
        var stepper = from is null ? Stepper.Start(spec, engine) : Stepper.Resume(spec, from.State);
        var snapshots = spec.SnapshotSteps.ToHashSet();
        var last = spec.Config.Steps;
        var runaway = RunawayRule.Of(spec);
        // What was recorded so far, for checkpoints; the same row and snapshot objects the events carry.
        var keep = control.KeepsRecords;
        var rows = ImmutableArray.CreateBuilder<MetricRow>();
        var trace = ImmutableArray.CreateBuilder<TracePoint>();
        var shots = ImmutableArray.CreateBuilder<NeuronSnapshot>();
        if (from is not null) { rows.AddRange(from.Rows); trace.AddRange(from.Trace); shots.AddRange(from.Snapshots); }
        var fingerprint = from?.Fingerprint;
        // The fingerprint hashes the initial network (0.1 s of CPU at m = 10⁶): a wide run that may
        // checkpoint computes it beside the steps, which use one core, instead of at its end.
        var early = keep && fingerprint is null && spec.Initial.W.Length >= WideFingerprint
            ? Task.Run(() => Checkpoint.FingerprintOf(spec, engine))
            : null;
        Checkpoint Save(long t) =>
            new(fingerprint ??= early?.Result ?? Checkpoint.FingerprintOf(spec, engine), stepper.State(t), rows.ToImmutable(), trace.ToImmutable(), shots.ToImmutable());

        var start = from?.State.Step ?? 0;
        for (var t = start; ; t++)
        {
            // Between steps: step t − 1 is complete and nothing of step t is recorded yet.
            if (keep && t < last)
            {
                if (control.StopBefore?.Invoke(t) == true)
                {
                    yield return new RunEvent.Stopped(Save(t));
                    yield break;
                }
                if (control.CheckpointEvery > 0 && t > start && t % control.CheckpointEvery == 0)
                    yield return new RunEvent.Checkpointed(Save(t));
            }
            else if (t == last && control.CheckpointAtEnd)
                yield return new RunEvent.Checkpointed(Save(t));
            var recording = spec.IsRecordStep(t);
            var snapshot = snapshots.Contains(t);
            // One network per step at most, formed only if a consumer or the end needs it; a snapshot
            // forms only its sampled neurons.
            var net = recording || t == last ? stepper.Deferred() : null;
            if (recording)
            {
                var row = stepper.Row(t, spec.Problem, spec.Initial);
                if (!row.Values().All(double.IsFinite))
                {
                    yield return Divergence(spec, t, "recorded metrics");
                    yield break;
                }
                var point = Trace(spec, stepper, t);
                if (keep) { rows.Add(row); trace.Add(point); }
                yield return new RunEvent.Recorded(row, point, net!);
            }
            if (snapshot)
            {
                var shot = stepper.Snapshot(t, spec.SnapshotNeurons, spec.Problem.ThetaStar.AsSpan());
                if (keep) shots.Add(shot);
                yield return new RunEvent.Snapshot(shot);
            }
            // The last step is always a record step (RunSpec.IsRecordStep).
            if (t == last)
            {
                yield return new RunEvent.Finished(net!());
                yield break;
            }
            if (!stepper.Step(t))
            {
                yield return Divergence(spec, t + 1, "theta = W^T a");
                yield break;
            }
            if (runaway.Exceeded(spec.Problem, stepper.Theta) is { } loss)
            {
                yield return Divergence(spec, t + 1, "train loss") with
                {
                    // No '+' or quote in the text: it lands in JSON, whose writer would escape them.
                    Reason = $"= {loss.ToString("0.###e0", CultureInfo.InvariantCulture)}, more than 1e12 times its reference {(runaway.LossLimit / RunawayRule.Factor).ToString("0.###e0", CultureInfo.InvariantCulture)} (the larger of the initial loss and the loss of the zero network)",
                };
                yield break;
            }
        }
    }

    /// <summary>Runs to the end on the engine the config names and gathers the events into a <see cref="Trajectory"/>.</summary>
    public static Trajectory Collect(RunSpec spec) => Trajectory.Of(Run(spec));

    /// <summary>Runs to the end on <paramref name="engine"/> and gathers the events into a <see cref="Trajectory"/>.</summary>
    public static Trajectory Collect(RunSpec spec, Engine engine) => Trajectory.Of(Run(spec, engine));

    private static RunEvent.Diverged Divergence(RunSpec spec, long step, string quantity) => new(step, quantity, spec.StableEta);

    private static TracePoint Trace(RunSpec spec, Stepper stepper, long step)
    {
        var w = new double[spec.Config.D];
        var a = stepper.Neuron(spec.Config.TraceNeuron, w);
        return new TracePoint(step, Kernels.SquaredNorm(w), Kernels.Dot(w, spec.Problem.ThetaStar.AsSpan()), a);
    }
}
