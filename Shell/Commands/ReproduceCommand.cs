using System.Collections.Concurrent;
using Lnsgd.Core.Engines;
using Lnsgd.Core.Simulations;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Config;
using Lnsgd.Shell.Output;
using Lnsgd.Shell.Plots;
using Lnsgd.Shell.RealWorld;
using Lnsgd.Shell.Reproduction;

namespace Lnsgd.Shell.Commands;

/// <summary>
/// <c>lnsgd reproduce</c>: runs every synthetic preset (in parallel over the cores), writes each
/// run folder, draws the overlay figures and writes report.md. Exit 0 when every experiment
/// ran (whatever the verdicts: an honest negative is a result), 2 on bad input.
/// </summary>
public static partial class ReproduceCommand
{
    private static readonly HashSet<string> ValueOptions = ["--out", "--seed", "--parallel", "--data-dir", "--seeds", "--step-axis"];
    private static readonly HashSet<string> FlagOptions = ["--quick", "--force", "--quiet", "--help", "--real"];

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Execute(IReadOnlyList<string> args, TextWriter stdout)
    {
        var parsed = Arguments.Parse(args, ValueOptions, FlagOptions);
        if (parsed.Has("--help")) { stdout.Write(HelpText.Reproduce()); return 0; }
        if (parsed.Positionals.Count > 0) throw new UsageError($"reproduce takes no positional arguments, got: {string.Join(' ', parsed.Positionals)}");
        var quick = parsed.Has("--quick");
        var quiet = parsed.Has("--quiet");
        var seed = ConfigLoader.Apply(new RunConfig(), "seed", parsed.Last("--seed") ?? "0").Seed;
        var parallel = OptionValue.Integer(parsed, "--parallel", 1, Environment.ProcessorCount);
        var outDir = parsed.Last("--out") ?? "reproduction";
        RunFolder.Prepare(outDir, parsed.Has("--force"));
        if (parsed.Has("--real")) RealReproduction.Check(parsed.Last("--data-dir"));

        var seedList = SeedList.Parse(parsed.Last("--seeds") ?? (quick ? QuickSeeds : DefaultSeeds).ToString(System.Globalization.CultureInfo.InvariantCulture), seed);
        var axis = RunCommand.StepAxisOption(parsed.Last("--step-axis"));

        var presets = ReproductionPlan.Synthetic.SelectMany(e => e.Runs.Select(r => r.Preset)).Distinct().ToList();
        var runs = new ConcurrentDictionary<string, ReproducedRun>();
        var bySeed = new ConcurrentDictionary<(string Preset, ulong Seed), Trajectory>();
        RunFolder.Create(outDir);
        RunFolder.Create(Path.Combine(outDir, "runs"));
        // Longest runs first, so the last ones to finish are short and the cores stay busy.
        var jobs = presets.SelectMany(p => seedList.Select(s => (Preset: p, Seed: s))).OrderByDescending(j => Presets.Find(j.Preset)!.Config.Steps).ToList();
        Parallel.ForEach(jobs, new ParallelOptions { MaxDegreeOfParallelism = parallel }, job =>
        {
            var (preset, runSeed) = job;
            var config = Configure(Presets.Find(preset)!.Config with { Seed = runSeed }, quick);
            var spec = RunSpec.Resolve(config);
            var engine = EngineChoice.Resolve(config, spec.Optimiser).ValueOrThrow();
            var trajectory = Simulation.Collect(spec, engine);
            var first = runSeed == seedList[0];
            // The first seed's folder is the one the report cites, with its figures; the other seeds keep the data.
            RunFolder.Write(Path.Combine(outDir, "runs", first ? preset : $"{preset}-seed{runSeed}"), config, preset, EngineChoice.Name(engine), trajectory,
                plots: first, figureOptions: new FigureOptions(Axis: axis));
            bySeed[(preset, runSeed)] = trajectory;
            if (first) runs[preset] = new ReproducedRun(preset, config, EngineChoice.Name(engine), trajectory);
            if (!quiet) lock (stdout) stdout.WriteLine($"ran {preset} seed {runSeed}: {config.Steps:N0} steps on the {EngineChoice.Name(engine)} engine");
        });
        var seeds = presets.ToDictionary(p => p, p => (IReadOnlyList<Trajectory>)[.. seedList.Select(s => bySeed[(p, s)])]);

        // The limiting flow's prediction (docs/prediction.md) of each covered run, once: for the report and,
        // for the experiment's first run, as the dashed "prediction" on its overlay figures.
        var predictions = PredictionSection.Predict(runs);
        var figures = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var experiment in ReproductionPlan.Synthetic)
        {
            var labelled = experiment.Runs.Select(r => new LabelledSeeds(r.Label, [.. seeds[r.Preset]])).ToList();
            var theory = TheoryCurves.Of(predictions.GetValueOrDefault(experiment.Runs[0].Preset)?.Value?.Corrected);
            figures[experiment.Id] = ExperimentFigures.Write(outDir, experiment, labelled, runs[experiment.Runs[0].Preset].Config, axis, theory);
        }
        var report = ReportWriter.Write(Manifest.ToolVersion, quick, seed, runs, figures, predictions);
        report += SeedIntervals.Section(seedList, seeds);
        AtomicFile.WriteText(Path.Combine(outDir, "gallery.md"), Gallery.Write("Figures of `lnsgd reproduce`",
            [.. ReproductionPlan.Synthetic.SelectMany(e => figures[e.Id])], "runs/fig2", "fig2 (label noise SGD), first seed", RunFigures.Stems));
        if (parsed.Has("--real")) report += RealReproduction.Run(outDir, quick, seed, parsed.Last("--data-dir"), parallel, quiet ? null : stdout);
        AtomicFile.WriteText(Path.Combine(outDir, "report.md"), report);
        if (!quiet) stdout.WriteLine($"wrote {Path.Combine(outDir, "report.md")}");
        return 0;
    }

    /// <summary>
    /// Quick mode divides every step count (steps, records, periods) by <see cref="QuickDivisor"/>:
    /// the same code paths, shorter. The full reproduction is already only seconds of compute, so
    /// quick mode halves it rather than cutting deeper and losing Phase II.
    /// </summary>
    public static RunConfig Configure(RunConfig config, bool quick) => !quick ? config : config with
    {
        Steps = Math.Max(1, config.Steps / QuickDivisor),
        RecordEvery = Math.Max(1, config.RecordEvery / QuickDivisor),
        PeriodOn = Math.Max(1, config.PeriodOn / QuickDivisor),
        PeriodOff = config.PeriodOff / QuickDivisor,
    };

    /// <summary>Seeds per preset by default: enough for a visible 95 % band (t quantile 2.78 at 5 seeds) in a few minutes on 2 cores.</summary>
    public const int DefaultSeeds = 5;

    /// <summary>Seeds per preset with <c>--quick</c>.</summary>
    public const int QuickSeeds = 3;

    /// <summary>How much shorter every run is in quick mode.</summary>
    public const int QuickDivisor = 2;
}
