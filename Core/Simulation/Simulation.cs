using Lnsgd.Core.Engines;
using Lnsgd.Core.Measures;
using Lnsgd.Core.Training;

namespace Lnsgd.Core.Simulation;

/// <summary>
/// A run as a lazy fold of the optimiser's step: it yields a record every K steps (and at the
/// first and last step), snapshots at the chosen steps, and a final or divergence event.
/// Deterministic: the same spec yields the same events, bit for bit.
/// </summary>
public static class Simulation
{
    /// <summary>The events of the run described by <paramref name="spec"/>, on the given engine.</summary>
    public static IEnumerable<RunEvent> Run(RunSpec spec, Engine engine = Engine.Dense)
    {
        var stepper = Stepper.Start(spec, engine);
        var snapshots = spec.SnapshotSteps.ToHashSet();
        var last = spec.Config.Steps;
        for (long t = 0; ; t++)
        {
            var recording = spec.IsRecordStep(t);
            if (recording || snapshots.Contains(t))
            {
                var net = stepper.Current();
                if (recording)
                {
                    var row = Metrics.Row(t, spec.Problem, spec.Initial, net);
                    if (!row.Values().All(double.IsFinite))
                    {
                        yield return Divergence(spec, t, "recorded metrics");
                        yield break;
                    }
                    yield return new RunEvent.Recorded(row, Trace(spec, net, t));
                }
                if (snapshots.Contains(t)) yield return new RunEvent.Snapshot(Snapshot(spec, net, t));
                if (t == last)
                {
                    yield return new RunEvent.Finished(net);
                    yield break;
                }
            }
            if (!stepper.Step(t))
            {
                yield return Divergence(spec, t + 1, "theta = W^T a");
                yield break;
            }
        }
    }

    /// <summary>Runs to the end and gathers the events into a <see cref="Trajectory"/>.</summary>
    public static Trajectory Collect(RunSpec spec, Engine engine = Engine.Dense) => Trajectory.Of(Run(spec, engine));

    private static RunEvent.Diverged Divergence(RunSpec spec, long step, string quantity)
    {
        var curvature = spec.Optimiser is Optimiser.Sgd { Batch: 1 }
            ? Curvature.PerSample(spec.Problem, spec.Initial)
            : Curvature.FullBatch(spec.Problem, spec.Initial);
        return new RunEvent.Diverged(step, quantity, Curvature.StableStepSize(curvature));
    }

    private static TracePoint Trace(RunSpec spec, Network.Network net, long step)
    {
        var w = net.Neuron(spec.Config.TraceNeuron);
        return new TracePoint(step, Kernels.SquaredNorm(w), Kernels.Dot(w, spec.Problem.ThetaStar.AsSpan()), net.A[spec.Config.TraceNeuron]);
    }

    private static NeuronSnapshot Snapshot(RunSpec spec, Network.Network net, long step)
    {
        var wSq = new double[net.M];
        var align = new double[net.M];
        for (var i = 0; i < net.M; i++)
        {
            wSq[i] = Kernels.SquaredNorm(net.Neuron(i));
            align[i] = Kernels.Dot(net.Neuron(i), spec.Problem.ThetaStar.AsSpan());
        }
        return new NeuronSnapshot(step, Problems.SyntheticProblem.Wrap(wSq), Problems.SyntheticProblem.Wrap(align));
    }
}
