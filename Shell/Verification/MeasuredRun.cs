using Lnsgd.Core.Engines;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Theory;

namespace Lnsgd.Shell.Verification;

/// <summary>A run's trajectory plus the per-record neuron extremes phase detection needs.</summary>
public sealed record MeasuredRun(RunConfig Config, Trajectory Trajectory, IReadOnlyList<NeuronExtremes> Extremes)
{
    /// <summary>Runs <paramref name="config"/> on its auto engine, keeping rows and extremes (not the networks).</summary>
    public static MeasuredRun Of(RunConfig config)
    {
        var spec = RunSpec.Resolve(config);
        var engine = EngineChoice.Resolve(config, spec.Optimiser).ValueOrThrow();
        var extremes = new List<NeuronExtremes>();
        // The stream is lazy: each recorded network is measured here and then dropped.
        var trajectory = Trajectory.Of(Simulation.Run(spec, engine).Select(e =>
        {
            if (e is RunEvent.Recorded r) extremes.Add(NeuronExtremes.Of(r.Row.Step, r.Net));
            return e;
        }));
        return new MeasuredRun(config, trajectory, extremes);
    }

    /// <summary>The phase boundaries of this run.</summary>
    public Phases Phases(double tolerance = 0.05) => PhaseDetector.Detect(Trajectory.Rows, Extremes, Config.Eta, tolerance);
}
