namespace Lnsgd.Shell.Output;

/// <summary>
/// What a manifest says beyond the trajectory, when the run is checkpointed or not finished:
/// <paramref name="Status"/> (<c>running</c>, <c>interrupted</c>; null = derived: <c>finished</c> or
/// <c>diverged</c>), the steps completed (null = derived), the <c>run_options</c> that
/// <c>lnsgd resume</c> needs to end with the same files (null = not written, which keeps the
/// manifest of a plain run as it was).
/// </summary>
public sealed record ManifestState(string? Status = null, long? StepsCompleted = null, RunOptions? Options = null);

/// <summary>
/// The options of <c>lnsgd run</c> that shape a run folder but are not config keys: the
/// checkpoint period, <c>--export-npz</c>, whether figures are drawn (<c>--no-plots</c>), and
/// whether the limiting flow's prediction is written beside the run (<c>--predict</c>).
/// </summary>
public sealed record RunOptions(long CheckpointEvery, bool ExportNpz, bool Plots, bool Predict = false);
