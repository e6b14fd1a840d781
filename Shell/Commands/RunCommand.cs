using Lnsgd.Core.Engines;
using Lnsgd.Core.Interchange;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Sweeps;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Config;
using Lnsgd.Shell.Output;
using Lnsgd.Shell.Plots;
using Lnsgd.Shell.Runs;

namespace Lnsgd.Shell.Commands;

/// <summary>
/// <c>lnsgd run</c>: resolve the config (Shell reads), fold the pure simulation (Core decides),
/// write the run folder (Shell writes). Exit 0 on success, 2 on bad input, 3 on divergence,
/// 130/143 when SIGINT/SIGTERM stopped it (then <c>lnsgd resume</c> completes it).
/// </summary>
public static partial class RunCommand
{
    private static readonly HashSet<string> ValueOptions = ["--config", "--set", "--seed", "--steps", "--record-every", "--out", "--data", "--init", "--checkpoint-every", "--from", "--seeds", "--step-axis", Limits.OutputOption];
    private static readonly HashSet<string> FlagOptions = ["--quiet", "--force", "--no-plots", "--help", "--export-npz", "--json", "--predict"];

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Execute(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = Arguments.Parse(args, ValueOptions, FlagOptions);
        if (parsed.Has("--help")) { stdout.Write(HelpText.Run()); return 0; }
        if (parsed.Last("--seeds") is not null) return SeedRuns.Execute(parsed, stdout, stderr);
        var plan = Plan(parsed);
        using var stop = StopSignal.Listen();
        if (!parsed.Has("--json")) return RunSession.Execute(plan, stdout, stderr, stop, parsed.Has("--quiet"));
        var code = RunSession.Execute(plan, TextWriter.Null, stderr, stop, quiet: true);
        stdout.Write(RunJson.Of(plan.OutDir, code));
        return code;
    }

    /// <summary>The plan of a <c>run</c> command line (without <c>run</c>): validates everything, prepares the folder, runs nothing.</summary>
    public static RunPlan Plan(IReadOnlyList<string> args) => Plan(Arguments.Parse(args, ValueOptions, FlagOptions));

    /// <summary>
    /// The plan of a parsed <c>run</c> command line; <paramref name="seed"/> and
    /// <paramref name="outDir"/>, when given, override the seed and folder (one run of <c>--seeds</c>).
    /// </summary>
    public static RunPlan Plan(Arguments parsed, ulong? seed = null, string? outDir = null)
    {
        if (parsed.Positionals.Count > 1) throw new UsageError($"run takes at most one preset, got: {string.Join(' ', parsed.Positionals)}");
        if (parsed.Last("--from") is { } from) return Branched(parsed, from);
        var overrides = Overrides(parsed).Concat(seed is { } s ? [("seed", s.ToString(System.Globalization.CultureInfo.InvariantCulture))] : []);
        var (config, preset) = ConfigLoader.Resolve(parsed.Positionals.FirstOrDefault(), parsed.Last("--config"), overrides);
        (config, var problem, var initial, var inputs) = ArrayInputs.Apply(config, parsed.Last("--data"), parsed.Last("--init"), ExplicitKeys(parsed));
        var export = parsed.Has("--export-npz");
        if (export && RunArrays.TapeError(config) is { } tapeError) throw new UsageError($"--export-npz: {tapeError}");
        var checkpointEvery = CheckpointEvery(parsed.Last("--checkpoint-every"));
        // Before anything is allocated: a run that cannot fit is refused now, not hours later.
        Limits.Check(ResourceEstimate.Of(config, checkpointed: true, plots: !parsed.Has("--no-plots")), Limits.Output(parsed.Last(Limits.OutputOption)));
        outDir ??= parsed.Last("--out") ?? DefaultFolder(config, preset);
        var chosen = EngineChoice.Resolve(config, RunSpec.BuildOptimiser(config)).Match(e => e, error => throw new UsageError(error));
        RunFolder.Prepare(outDir, parsed.Has("--force"));

        var spec = RunSpec.Resolve(config, problem, initial);
        // The folder is taken over (--force clears it) only once the run holds its lock: see RunSession.
        return new RunPlan(spec, preset, chosen, inputs, new RunOptions(checkpointEvery, export, !parsed.Has("--no-plots"), parsed.Has("--predict")), outDir,
            Takeover: parsed.Has("--force") ? FolderTakeover.Overwrite : FolderTakeover.New)
        {
            Figures = new FigureOptions(Axis: StepAxisOption(parsed.Last("--step-axis"))),
        };
    }

    // run --from RUNDIR[@STEP]: the parent's config and problem, the state at STEP as the start, then --set/--seed/--steps.
    private static RunPlan Branched(Arguments parsed, string from)
    {
        foreach (var option in new[] { "--config", "--data", "--init" })
            if (parsed.Last(option) is not null) throw new UsageError($"--from takes the parent's config, data and state; it cannot be combined with {option}");
        if (parsed.Positionals.Count > 0) throw new UsageError($"--from takes the parent's config; it cannot be combined with a preset ({parsed.Positionals[0]})");
        var (parent, state, input) = BranchSource.Read(from);
        var config = parent.Config;
        foreach (var (key, value) in Overrides(parsed)) config = ConfigLoader.Apply(config, key, value);
        if (ConfigSchema.CrossCheck(config) is { } cross) throw new UsageError(cross);
        var (spec, error) = Branch.From(parent, state, config);
        if (spec is null) throw new UsageError(error!);
        var chosen = EngineChoice.Resolve(config, spec.Optimiser).Match(e => e, message => throw new UsageError(message));
        var checkpointEvery = CheckpointEvery(parsed.Last("--checkpoint-every"));
        var export = parsed.Has("--export-npz");
        if (export && RunArrays.TapeError(config) is { } tapeError) throw new UsageError($"--export-npz: {tapeError}");
        Limits.Check(ResourceEstimate.Of(config, checkpointed: true, plots: !parsed.Has("--no-plots")), Limits.Output(parsed.Last(Limits.OutputOption)));
        var outDir = parsed.Last("--out") ?? Path.Combine("runs", $"branch-seed{config.Seed}");
        RunFolder.Prepare(outDir, parsed.Has("--force"));
        return new RunPlan(spec, null, chosen, [input], new RunOptions(checkpointEvery, export, !parsed.Has("--no-plots"), parsed.Has("--predict")), outDir,
            Takeover: parsed.Has("--force") ? FolderTakeover.Overwrite : FolderTakeover.New)
        {
            Figures = new FigureOptions(Axis: StepAxisOption(parsed.Last("--step-axis"))),
        };
    }

    /// <summary>
    /// <c>runs/PRESET-seedN</c>, plus the first 8 hex digits of the config's hash when it is not
    /// the preset's own (seed aside): runs with different <c>--set</c> overrides never share a folder.
    /// </summary>
    public static string DefaultFolder(RunConfig config, string? preset)
    {
        var own = (preset is null ? new RunConfig() : Presets.Find(preset)!.Config) with { Seed = config.Seed };
        var suffix = config == own ? "" : "-" + RunIdentity.Hash(config)[..8];
        return Path.Combine("runs", $"{preset ?? "run"}-seed{config.Seed}{suffix}");
    }

    /// <summary>The value of <c>--step-axis</c> (auto when absent).</summary>
    public static StepScale StepAxisOption(string? text) =>
        text is null ? StepScale.Auto
        : StepAxis.Parse(text) ?? throw new UsageError($"invalid value for '--step-axis': '{text}' (allowed: {string.Join(", ", StepAxis.Names)})");

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
