using Lnsgd.Core.Engines;
using Lnsgd.Core.Simulation;
using Lnsgd.Shell.Output;

namespace Lnsgd.Shell.Runs;

/// <summary>
/// A run ready to execute: the resolved spec and engine, the names the manifest records (preset,
/// input files), the folder options, where to write, and the checkpoint to continue from (null:
/// step 0). <c>lnsgd run</c> builds it from arguments, <c>resume</c> and <c>replay</c> from a manifest.
/// </summary>
public sealed record RunPlan(
    RunSpec Spec, string? Preset, Engine Engine, IReadOnlyList<Manifest.InputFile> Inputs, RunOptions Options, string OutDir,
    Checkpoint? From = null)
{
    /// <summary>How the run's figures are drawn (iteration axis, theory overlays); null: the defaults.</summary>
    public Plots.FigureOptions? Figures { get; init; }

    /// <summary>The run's config.</summary>
    public RunConfig Config => Spec.Config;
}
