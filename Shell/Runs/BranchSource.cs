using System.Globalization;
using Lnsgd.Core.Simulations;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Output;

namespace Lnsgd.Shell.Runs;

/// <summary>
/// <c>--from RUNDIR[@STEP]</c>: the state of a recorded run after STEP steps (default: the steps
/// it completed), rebuilt by re-running it deterministically from its manifest — from its
/// <c>checkpoint.npz</c> when one lies at or before STEP — and the manifest input that records
/// it: option <c>--from</c>, path <c>RUNDIR@STEP</c>, sha256 of the state's weights
/// (<see cref="Branch.Hash"/>), which a replay of the branch checks again.
/// </summary>
public static class BranchSource
{
    /// <summary>The parent's spec, the state at the branch step, and the manifest input.</summary>
    public static (RunSpec Parent, Core.Networks.Network State, Manifest.InputFile Input) Read(string from)
    {
        var (dir, step) = Split(from);
        var recorded = ManifestReader.Read(dir);
        var origin = Path.Combine(dir, ManifestReader.Name);
        var (spec, engine, _) = RecordedSpec.Resolve(recorded, origin);
        var at = step ?? recorded.StepsCompleted;
        if (at < 0 || at > recorded.StepsCompleted)
            throw new UsageError($"invalid value for '--from': '{from}' (allowed: a step in [0, {recorded.StepsCompleted}], the steps the run in '{dir}' completed)");
        // A checkpoint at or before the step saves re-running the start; it is checked against the run first.
        var checkpoint = File.Exists(Path.Combine(dir, CheckpointFile.Name)) ? CheckpointFile.Read(dir, spec, engine) : null;
        var state = Branch.StateAt(spec, engine, at, checkpoint is { } c && c.State.Step <= at ? c.State : null)
            ?? throw new UsageError($"invalid value for '--from': '{from}' (the run's weights are not finite at step {at})");
        return (spec, state, new Manifest.InputFile("--from", $"{dir}@{at.ToString(CultureInfo.InvariantCulture)}", Branch.Hash(state)));
    }

    /// <summary>RUNDIR and the optional STEP after the last '@'.</summary>
    public static (string Dir, long? Step) Split(string from)
    {
        var at = from.LastIndexOf('@');
        if (at < 0) return (from, null);
        var text = from[(at + 1)..];
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var step)
            ? (from[..at], step)
            : throw new UsageError($"invalid value for '--from': '{from}' (allowed: RUNDIR or RUNDIR@STEP with STEP an integer >= 0)");
    }
}
