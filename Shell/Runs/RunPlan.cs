using Lnsgd.Core.Engines;
using Lnsgd.Core.Simulations;
using Lnsgd.Shell.Output;

namespace Lnsgd.Shell.Runs;

/// <summary>
/// A run ready to execute: the resolved spec and engine, the names the manifest records (preset,
/// input files), the folder options, where to write, and the checkpoint to continue from (null:
/// step 0), and how the run takes over its folder. <c>lnsgd run</c> builds it from arguments,
/// <c>resume</c> and <c>replay</c> from a manifest.
/// </summary>
public sealed record RunPlan(
    RunSpec Spec, string? Preset, Engine Engine, IReadOnlyList<Manifest.InputFile> Inputs, RunOptions Options, string OutDir,
    Checkpoint? From = null, FolderTakeover Takeover = FolderTakeover.New)
{
    /// <summary>How the run's figures are drawn (iteration axis, theory overlays); null: the defaults.</summary>
    public Plots.FigureOptions? Figures { get; init; }

    /// <summary>The run's config.</summary>
    public RunConfig Config => Spec.Config;
}

/// <summary>
/// What a run may find in its folder once it holds the folder's lock: nothing (<c>New</c>: a new
/// run, the folder must be empty), anything (<c>Overwrite</c>: <c>--force</c>; the old manifest
/// is removed before any new file, so a run killed mid-way never leaves "finished" over new
/// data), or its own earlier state (<c>Continue</c>: <c>resume</c>).
/// </summary>
public enum FolderTakeover { New, Overwrite, Continue }
