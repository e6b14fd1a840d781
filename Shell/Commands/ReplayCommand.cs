using Lnsgd.Core.Simulations;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Output;
using Lnsgd.Shell.Runs;

namespace Lnsgd.Shell.Commands;

/// <summary>
/// <c>lnsgd replay RUNDIR [--check]</c>: runs again what <c>manifest.json</c> describes. With
/// <c>--check</c> it writes nothing and compares every recorded row and the trajectory hash bit
/// for bit: exit 0 and one line when the replay matches, exit 1 and the first step and metric
/// that differ when not. Without it, it writes the replayed run folder to <c>--out</c>.
/// </summary>
public static partial class ReplayCommand
{
    private static readonly HashSet<string> ValueOptions = ["--out"];
    private static readonly HashSet<string> FlagOptions = ["--check", "--force", "--quiet", "--help"];

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Execute(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = Arguments.Parse(args, ValueOptions, FlagOptions);
        if (parsed.Has("--help")) { stdout.Write(HelpText.Replay()); return 0; }
        if (parsed.Positionals.Count != 1) throw new UsageError("replay takes one run folder: lnsgd replay RUNDIR [--check]");
        var dir = parsed.Positionals[0];
        var recorded = ManifestReader.Read(dir);
        var origin = Path.Combine(dir, ManifestReader.Name);
        var (spec, engine, inputs) = RecordedSpec.Resolve(recorded, origin);
        if (parsed.Has("--check"))
        {
            if (parsed.Last("--out") is not null) throw new UsageError("replay --check writes nothing; drop --out");
            var (matches, line) = Check(dir, recorded, spec, engine);
            if (matches) { if (!parsed.Has("--quiet")) stdout.WriteLine(line); return 0; }
            stderr.WriteLine($"lnsgd: {line}");
            return 1;
        }
        var outDir = parsed.Last("--out") ?? Path.TrimEndingDirectorySeparator(dir) + "-replay";
        RunFolder.Prepare(outDir, parsed.Has("--force"));
        using var stop = StopSignal.Listen();
        return RunSession.Execute(new RunPlan(spec, recorded.Preset, engine, inputs, recorded.EffectiveOptions, outDir,
            Takeover: parsed.Has("--force") ? FolderTakeover.Overwrite : FolderTakeover.New), stdout, stderr, stop, parsed.Has("--quiet"));
    }

    /// <summary>
    /// Replays the run recorded in <paramref name="dir"/> (up to its checkpoint step when it is
    /// running or interrupted) and compares; returns whether it matches and the line to print.
    /// </summary>
    public static (bool Matches, string Line) Check(string dir, RecordedRun recorded, RunSpec spec, Core.Engines.Engine engine)
    {
        IReadOnlyList<CsvRow>? Table(string name, IReadOnlyList<string> columns) =>
            recorded.Files.Contains(name) ? RecordedTables.Read(Path.Combine(dir, name), columns) : null;
        var record = new ReplayComparison.Record(
            Table("metrics.csv", RecordedTables.MetricColumns), Table("trace.csv", RecordedTables.TraceColumns),
            Table("snapshots.csv", RecordedTables.SnapshotColumns), recorded);
        var stopAt = recorded.Resumable ? recorded.StepsCompleted : -1;
        var replay = Trajectory.Of(Simulation.Run(spec, engine, new RunControl { StopBefore = t => t == stopAt }));
        if (ReplayComparison.First(record, replay, spec.Config.TraceNeuron) is { } d)
            return (false, d.Step is { } step
                ? $"replay differs from '{dir}' at step {step}: {d.Column} ({d.Detail})"
                : $"replay differs from '{dir}': {d.Detail}");
        var compared = new[] { ("metric rows", record.Metrics), ("trace rows", record.Trace), ("snapshot rows", record.Snapshots) }
            .Where(t => t.Item2 is not null).Select(t => $"{t.Item2!.Count} {t.Item1}");
        var hash = recorded.TrajectorySha256;
        return (true, $"replay matches '{dir}': {string.Join(", ", compared.DefaultIfEmpty("no tables listed"))} bit for bit, {(recorded.Resumable ? $"up to step {stopAt}" : recorded.Status)}, trajectory_sha256 {hash}");
    }
}
