using Lnsgd.Core.Engines;
using Lnsgd.Core.Interchange;
using Lnsgd.Core.Simulation;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Config;
using Lnsgd.Shell.Output;
using Lnsgd.Shell.Runs;

namespace Lnsgd.Shell.Commands;

/// <summary>
/// <c>lnsgd run</c>: resolve the config (Shell reads), fold the pure simulation (Core decides),
/// write the run folder (Shell writes). Exit 0 on success, 2 on bad input, 3 on divergence,
/// 130/143 when SIGINT/SIGTERM stopped it (then <c>lnsgd resume</c> completes it).
/// </summary>
public static class RunCommand
{
    private static readonly HashSet<string> ValueOptions = ["--config", "--set", "--seed", "--steps", "--record-every", "--out", "--data", "--init", "--checkpoint-every", Limits.OutputOption];
    private static readonly HashSet<string> FlagOptions = ["--quiet", "--force", "--no-plots", "--help", "--export-npz"];

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Execute(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = Arguments.Parse(args, ValueOptions, FlagOptions);
        if (parsed.Has("--help")) { stdout.Write(HelpText.Run()); return 0; }
        var plan = Plan(parsed);
        using var stop = StopSignal.Listen();
        return RunSession.Execute(plan, stdout, stderr, stop, parsed.Has("--quiet"));
    }

    /// <summary>The plan of a <c>run</c> command line (without <c>run</c>): validates everything, prepares the folder, runs nothing.</summary>
    public static RunPlan Plan(IReadOnlyList<string> args) => Plan(Arguments.Parse(args, ValueOptions, FlagOptions));

    private static RunPlan Plan(Arguments parsed)
    {
        if (parsed.Positionals.Count > 1) throw new UsageError($"run takes at most one preset, got: {string.Join(' ', parsed.Positionals)}");
        var (config, preset) = ConfigLoader.Resolve(parsed.Positionals.FirstOrDefault(), parsed.Last("--config"), Overrides(parsed));
        (config, var problem, var initial, var inputs) = ArrayInputs.Apply(config, parsed.Last("--data"), parsed.Last("--init"), ExplicitKeys(parsed));
        var export = parsed.Has("--export-npz");
        if (export && RunArrays.TapeError(config) is { } tapeError) throw new UsageError($"--export-npz: {tapeError}");
        var checkpointEvery = CheckpointEvery(parsed.Last("--checkpoint-every"));
        // Before anything is allocated: a run that cannot fit is refused now, not hours later.
        Limits.Check(ResourceEstimate.Of(config, checkpointed: true, plots: !parsed.Has("--no-plots")), Limits.Output(parsed.Last(Limits.OutputOption)));
        var outDir = parsed.Last("--out") ?? Path.Combine("runs", $"{preset ?? "run"}-seed{config.Seed}");
        RunFolder.Prepare(outDir, parsed.Has("--force"));

        var spec = RunSpec.Resolve(config, problem, initial);
        var (engine, engineError) = EngineChoice.Resolve(config, spec.Optimiser);
        if (engine is not { } chosen) throw new UsageError(engineError!);
        // The folder is taken over (--force clears it) only once the run holds its lock: see RunSession.
        return new RunPlan(spec, preset, chosen, inputs, new RunOptions(checkpointEvery, export, !parsed.Has("--no-plots")), outDir,
            Takeover: parsed.Has("--force") ? FolderTakeover.Overwrite : FolderTakeover.New);
    }

    private static long CheckpointEvery(string? text) =>
        text is null ? 0
        : long.TryParse(text.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var k) && k >= 0 ? k
        : throw new UsageError($"invalid value for '--checkpoint-every': '{text}' (allowed: integer >= 0; 0 = no periodic checkpoints)");

    // Keys the user set by name (config file or --set), as opposed to defaults and presets.
    private static HashSet<string> ExplicitKeys(Arguments parsed)
    {
        var keys = parsed.All("--set").Select(pair => ConfigLoader.SplitPair(pair).Key).ToHashSet();
        if (parsed.Last("--config") is { } file) keys.UnionWith(ConfigLoader.ReadFile(file).Pairs.Select(p => p.Key));
        return keys;
    }

    private static IEnumerable<(string, string)> Overrides(Arguments parsed)
    {
        foreach (var pair in parsed.All("--set")) yield return ConfigLoader.SplitPair(pair);
        if (parsed.Last("--seed") is { } seed) yield return ("seed", seed);
        if (parsed.Last("--steps") is { } steps) yield return ("steps", steps);
        if (parsed.Last("--record-every") is { } every) yield return ("record_every", every);
    }
}
