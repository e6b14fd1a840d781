using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Output;
using Lnsgd.Shell.Runs;

namespace Lnsgd.Shell.Commands;

/// <summary>
/// <c>lnsgd resume RUNDIR</c>: continues a run that was stopped (SIGINT, SIGTERM) or killed,
/// from its latest checkpoint — or from step 0 when a checkpointed run died before its first
/// one — and ends with the folder an uninterrupted run would have written, byte for byte.
/// </summary>
public static partial class ResumeCommand
{
    private static readonly HashSet<string> ValueOptions = [];
    private static readonly HashSet<string> FlagOptions = ["--quiet", "--help"];

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Execute(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = Arguments.Parse(args, ValueOptions, FlagOptions);
        if (parsed.Has("--help")) { stdout.Write(HelpText.Resume()); return 0; }
        if (parsed.Positionals.Count != 1) throw new UsageError("resume takes one run folder: lnsgd resume RUNDIR");
        var plan = Plan(parsed.Positionals[0]);
        using var stop = StopSignal.Listen();
        return RunSession.Execute(plan, stdout, stderr, stop, parsed.Has("--quiet"));
    }

    /// <summary>The plan that continues the run in <paramref name="dir"/>; validates everything, runs nothing.</summary>
    public static RunPlan Plan(string dir)
    {
        var recorded = ManifestReader.Read(dir);
        var origin = Path.Combine(dir, ManifestReader.Name);
        if (!recorded.Resumable)
            throw new UsageError(recorded.Status == "finished"
                ? $"the run in '{dir}' is already finished; nothing to resume"
                : $"the run in '{dir}' diverged at step {recorded.Divergence!.Step}; nothing to resume (change the config and start a new run)");
        var (spec, engine, inputs) = RecordedSpec.Resolve(recorded, origin);
        var checkpoint = CheckpointFile.Read(dir, spec, engine);
        // A run checkpoints only with a period; without one, only a stop writes a checkpoint, and 'interrupted' needs it.
        if (checkpoint is null && recorded.Status == "interrupted")
            throw new UsageError($"the run in '{dir}' was interrupted but its {CheckpointFile.Name} is missing");
        StaleFiles.RemoveTemporaries(dir);
        return new RunPlan(spec, recorded.Preset, engine, inputs, recorded.EffectiveOptions, dir, checkpoint, FolderTakeover.Continue);
    }
}
