using Lnsgd.Core.Simulations;
using Lnsgd.Shell.Output;

namespace Lnsgd.Shell.Runs;

/// <summary>
/// A run folder's <c>manifest.json</c>, read back and validated: what <c>resume</c> and
/// <c>replay</c> need to run it again. <paramref name="Options"/> is null when the manifest has no
/// <c>run_options</c> (a plain run that finished or diverged).
/// </summary>
public sealed record RecordedRun(
    string? Preset, string Engine, RunConfig Config, IReadOnlyList<Manifest.InputFile> Inputs, RunOptions? Options,
    string Status, long StepsCompleted, long Records, RecordedDivergence? Divergence, string TrajectorySha256,
    IReadOnlyList<string> Files)
{
    /// <summary>The statuses a manifest can have.</summary>
    public static IReadOnlyList<string> Statuses { get; } = ["running", "interrupted", "finished", "diverged"];

    /// <summary>Whether <c>lnsgd resume</c> can continue it.</summary>
    public bool Resumable => Status is "running" or "interrupted";

    /// <summary>
    /// The folder options to re-create the same files: the recorded <c>run_options</c>, else what
    /// the file list shows (figures drawn, arrays exported), with no periodic checkpoints.
    /// </summary>
    public RunOptions EffectiveOptions => Options ?? new RunOptions(0, Files.Contains("problem.npz"), Files.Contains("losses.png"), Files.Contains("prediction.json"));
}

/// <summary>The <c>divergence</c> object of a manifest.</summary>
public sealed record RecordedDivergence(long Step, string Quantity);
