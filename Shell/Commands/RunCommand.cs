using Lnsgd.Core.Engines;
using Lnsgd.Core.Interchange;
using Lnsgd.Core.Simulation;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Config;
using Lnsgd.Shell.Output;

namespace Lnsgd.Shell.Commands;

/// <summary>
/// <c>lnsgd run</c>: resolve the config (Shell reads), fold the pure simulation (Core decides),
/// write the run folder (Shell writes). Exit 0 on success, 2 on bad input, 3 on divergence.
/// </summary>
public static class RunCommand
{
    private static readonly HashSet<string> ValueOptions = ["--config", "--set", "--seed", "--steps", "--record-every", "--out", "--data", "--init"];
    private static readonly HashSet<string> FlagOptions = ["--quiet", "--force", "--no-plots", "--help", "--export-npz"];

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Execute(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = Arguments.Parse(args, ValueOptions, FlagOptions);
        if (parsed.Has("--help")) { stdout.Write(HelpText.Run()); return 0; }
        if (parsed.Positionals.Count > 1) throw new UsageError($"run takes at most one preset, got: {string.Join(' ', parsed.Positionals)}");
        var (config, preset) = ConfigLoader.Resolve(parsed.Positionals.FirstOrDefault(), parsed.Last("--config"), Overrides(parsed));
        (config, var problem, var initial, var inputs) = ArrayInputs.Apply(config, parsed.Last("--data"), parsed.Last("--init"), ExplicitKeys(parsed));
        var export = parsed.Has("--export-npz");
        if (export && RunArrays.TapeError(config) is { } tapeError) throw new UsageError($"--export-npz: {tapeError}");
        var outDir = parsed.Last("--out") ?? Path.Combine("runs", $"{preset ?? "run"}-seed{config.Seed}");
        RunFolder.Prepare(outDir, parsed.Has("--force"));

        var spec = RunSpec.Resolve(config, problem, initial);
        var (engine, engineError) = EngineChoice.Resolve(config, spec.Optimiser);
        if (engine is not { } chosen) throw new UsageError(engineError!);
        var progress = new Progress(config.Steps, parsed.Has("--quiet"), stdout, !Console.IsOutputRedirected && stdout == Console.Out);
        var trajectory = Trajectory.Of(Observe(Simulation.Run(spec, chosen), progress));
        RunFolder.Write(outDir, config, preset, EngineChoice.Name(chosen), trajectory, plots: !parsed.Has("--no-plots"),
            extra: export ? NpzExport.Files(spec, trajectory) : null, inputs: inputs);

        if (trajectory.Divergence is { } d)
        {
            progress.Abort();
            stderr.WriteLine($"lnsgd: run diverged at step {d.Step}: {d.Quantity} is not finite; stable step size estimate 2/lambda_max = {d.StableEta:G4} (eta = {config.Eta:G4}); the records made before that step are in {outDir}");
            return 3;
        }
        if (!parsed.Has("--quiet"))
        {
            var last = trajectory.Rows[^1];
            var first = trajectory.Rows[0];
            stdout.WriteLine($"wrote {outDir}: {config.Steps} steps, mean_w_sq {first.MeanWSq:G4} -> {last.MeanWSq:G4}, w_frob {first.WFrob:G6} -> {last.WFrob:G6}, mean_cos {last.MeanCos:F4}, test_loss {last.TestLoss:G4}");
        }
        return 0;
    }

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

    private static IEnumerable<RunEvent> Observe(IEnumerable<RunEvent> events, Progress progress)
    {
        foreach (var e in events)
        {
            if (e is RunEvent.Recorded r) progress.Report(r.Row);
            yield return e;
        }
    }
}
