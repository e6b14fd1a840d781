using System.Globalization;
using System.Text;
using Lnsgd.Core.Datasets;
using Lnsgd.Core.RealWorld;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Sweeps;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Config;
using Lnsgd.Shell.Output;
using Lnsgd.Shell.RealWorld;

namespace Lnsgd.Shell.Commands;

/// <summary>
/// <c>lnsgd real PRESET</c>: the real-data experiments (Figs. 1, 3, 5 on Fashion-MNIST, MNIST
/// or CIFAR-10) and Fig. 2's teacher task with nonlinear networks. Writes the preset's folder
/// and prints its summary. Exit 0 on success, 2 on bad input, a missing or malformed dataset.
/// </summary>
public static partial class RealCommand
{
    private static readonly HashSet<string> ValueOptions = ["--data-dir", "--set", "--seed", "--steps", "--epochs", "--out", "--parallel", "--threads", "--data", "--init"];
    private static readonly HashSet<string> FlagOptions = ["--quick", "--force", "--no-plots", "--quiet", "--list", "--help", "--bench", "--json", "--export-npz"];

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Execute(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = Arguments.Parse(args, ValueOptions, FlagOptions);
        if (parsed.Has("--help")) { stdout.Write(Help()); return 0; }
        if (parsed.Has("--list")) { stdout.Write(List()); return 0; }
        if (parsed.Has("--bench")) return Bench(parsed, stdout);
        if (parsed.Positionals.Count != 1)
            throw new UsageError($"real takes one preset ({string.Join(", ", RealPresets.All.Select(p => p.Name))}); see `lnsgd real --help`");
        var preset = RealPresets.Find(parsed.Positionals[0])
            ?? throw new UsageError($"unknown real preset '{parsed.Positionals[0]}' (presets: {string.Join(", ", RealPresets.All.Select(p => p.Name))})");
        var quick = parsed.Has("--quick");
        var quiet = parsed.Has("--quiet");
        var parallel = parsed.Last("--parallel") is { } p
            ? int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : throw new UsageError($"--parallel '{p}' must be an integer >= 1")
            : Environment.ProcessorCount;
        var plots = !parsed.Has("--no-plots");
        var progress = quiet ? null : stdout;

        switch (preset)
        {
            case RealPreset.Images images:
            {
                var config = Configure(images.Config, parsed, quick);
                var own = Quick(images.Config, quick) with { Seed = config.Seed };
                var outDir = parsed.Last("--out") ?? DefaultFolder(preset.Name, quick, config.Seed, config == own ? null : string.Join('\n', RealSchema.Describe(config)));
                RunFolder.Prepare(outDir, parsed.Has("--force"));
                var (task, files, initial, inputs) = RealExport.Inputs(config, parsed.Last("--data"), parsed.Last("--init"),
                    () => LoadTask(config, parsed.Last("--data-dir")));
                var export = parsed.Has("--export-npz");
                if (export && RealExport.Error(config, task) is { } exportError) throw new UsageError($"--export-npz: {exportError}");
                var result = RealRunner.RunImages(images, config, task, files, parallel, progress, initial);
                RealOutput.WriteImages(outDir, result, plots, export ? RealExport.Files(result, initial) : null, w =>
                {
                    RealExport.WriteInputs(w, inputs);
                    if (export) RealExport.WriteManifest(w, result, initial);
                });
                if (!quiet) stdout.Write(Table(result));
                if (!quiet) stdout.WriteLine($"wrote {outDir}");
                return 0;
            }
            case RealPreset.Teacher teacher:
            {
                if (new[] { "--data", "--init", "--export-npz" }.FirstOrDefault(parsed.Has) is { } imageOnly)
                    throw new UsageError($"{imageOnly} applies to image presets only");
                var config = ConfigureTeacher(teacher.Config, parsed, quick);
                var own = (quick ? ReproduceCommand.Configure(teacher.Config, quick: true) : teacher.Config) with { Seed = config.Seed };
                var outDir = parsed.Last("--out") ?? DefaultFolder(preset.Name, quick, config.Seed, config == own ? null : RunIdentity.Hash(config));
                RunFolder.Prepare(outDir, parsed.Has("--force"));
                var result = RealRunner.RunTeacher(teacher, config, parallel, progress);
                RealOutput.WriteTeacher(outDir, result, plots);
                if (!quiet) stdout.WriteLine($"wrote {outDir}");
                return 0;
            }
            default:
                throw new UsageError($"preset {preset.Name} has no runner");
        }
    }

    /// <summary>
    /// <c>runs/PRESET-seedN</c>; <c>-quick</c> after the preset in quick mode; the first 8 hex
    /// digits of the SHA-256 of <paramref name="overrides"/> (the resolved config, when --set
    /// changed it) at the end, so differently configured runs never share a folder.
    /// </summary>
    public static string DefaultFolder(string preset, bool quick, ulong seed, string? overrides)
    {
        var suffix = overrides is null ? "" : "-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(overrides)))[..8];
        return Path.Combine("runs", $"{preset}{(quick ? "-quick" : "")}-seed{seed}{suffix}");
    }

    // The fig1 MLP's epochs, timed (bench/real_compare.sh puts them beside PyTorch's).
    private static int Bench(Arguments parsed, TextWriter stdout)
    {
        var preset = (RealPreset.Images)RealPresets.Find("fig1")!;
        var config = Configure(preset.Config with { Epochs = 3 }, parsed, quick: false);
        var threads = parsed.Last("--threads") is { } t
            ? int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k >= 1 ? k : throw new UsageError($"--threads '{t}' must be an integer >= 1")
            : Environment.ProcessorCount;
        var (task, _) = LoadTask(config, parsed.Last("--data-dir"));
        var (seconds, last) = EpochBench.Run(config, task, config.Epochs, threads);
        stdout.Write(EpochBench.Format(config, task, threads, seconds, last, parsed.Has("--json")));
        return 0;
    }

    /// <summary>The preset's config with --set, --seed, --steps, --epochs and --quick applied, checked.</summary>
    public static RealConfig Configure(RealConfig config, Arguments parsed, bool quick)
    {
        config = Quick(config, quick);
        foreach (var pair in parsed.All("--set"))
        {
            var (key, value) = ConfigLoader.SplitPair(pair);
            config = Set(config, key, value);
        }
        if (parsed.Last("--seed") is { } seed) config = Set(config, "seed", seed);
        if (parsed.Last("--steps") is { } steps) config = Set(config, "steps", steps);
        if (parsed.Last("--epochs") is { } epochs) config = Set(config, "epochs", epochs);
        if (RealSchema.Validate(config) is { } invalid) throw new UsageError(invalid);
        return config;
    }

    /// <summary>Quick mode: a tenth of the steps for full-batch presets; one epoch on 10,000 + 2,000 images for epoch presets.</summary>
    public static RealConfig Quick(RealConfig config, bool quick) => !quick ? config : config.Epochs > 0
        ? config with { Epochs = 1, NTrain = config.NTrain is 0 or > 10_000 ? 10_000 : config.NTrain, NTest = config.NTest is 0 or > 2000 ? 2000 : config.NTest }
        : config with { Steps = Math.Max(1, config.Steps / 10), RecordEvery = Math.Max(1, config.RecordEvery / 10) };

    /// <summary>A teacher preset's run config with --set (run config keys), --seed, --steps and --quick applied.</summary>
    public static RunConfig ConfigureTeacher(RunConfig config, Arguments parsed, bool quick)
    {
        if (quick) config = ReproduceCommand.Configure(config, quick: true);
        foreach (var pair in parsed.All("--set"))
        {
            var (key, value) = ConfigLoader.SplitPair(pair);
            config = ConfigLoader.Apply(config, key, value);
        }
        if (parsed.Last("--seed") is { } seed) config = ConfigLoader.Apply(config, "seed", seed);
        if (parsed.Last("--steps") is { } steps) config = ConfigLoader.Apply(config, "steps", steps);
        if (parsed.Last("--epochs") is not null) throw new UsageError("--epochs applies to image presets only");
        if (config.Optimizer is not ("sgd" or "gd")) throw new UsageError($"optimizer = '{config.Optimizer}': a teacher preset runs sgd or gd");
        return config;
    }

    /// <summary>Reads the dataset and prepares the task; a missing or malformed dataset is a usage error (one line, exit 2).</summary>
    public static (RealTask Task, IReadOnlyList<(string Path, string Sha256)> Files) LoadTask(RealConfig config, string? dataDir)
    {
        try
        {
            var (train, test, files) = DatasetFiles.Load(config.Dataset, dataDir);
            return (RealTask.Prepare(config, train, test), files);
        }
        catch (DatasetFormatException e) { throw new UsageError(e.Message); }
        catch (IOException e) { throw new UsageError($"{config.Dataset}: cannot read the dataset ({e.Message})"); }
        catch (UnauthorizedAccessException e) { throw new UsageError($"{config.Dataset}: cannot read the dataset ({e.Message})"); }
    }

    private static RealConfig Set(RealConfig config, string key, string value)
    {
        try { return RealSchema.Apply(config, key, value); }
        catch (ArgumentException e) { throw new UsageError(e.Message); }
    }

    /// <summary>The summary table of an image result as printed on the console.</summary>
    public static string Table(ImageResult result)
    {
        var text = RealReport.Images(result, [], level: 2);
        return string.Join('\n', text.Split('\n').Where(l => l.StartsWith('|') || l.StartsWith("**This run", StringComparison.Ordinal))) + "\n";
    }

    /// <summary><c>lnsgd real --list</c>: every preset with its description and its values.</summary>
    public static string List()
    {
        var sb = new StringBuilder();
        foreach (var preset in RealPresets.All)
        {
            sb.Append(preset.Name).Append("  ").Append(preset.Description).Append('\n');
            IReadOnlyList<KeyValuePair<string, string>> values = preset switch
            {
                RealPreset.Images i => RealSchema.Describe(i.Config),
                RealPreset.Teacher t => [new("activation", t.Activation), .. ChangedKeys(t.Config)],
                _ => [],
            };
            sb.Append("  ").AppendJoin(' ', values.Select(kv => $"{kv.Key}={kv.Value}")).Append("\n\n");
        }
        return sb.ToString();
    }

    // A teacher preset's run-config keys that differ from the defaults (the rest: `lnsgd run --help`).
    private static IEnumerable<KeyValuePair<string, string>> ChangedKeys(RunConfig config)
    {
        var defaults = ConfigSchema.Describe(new RunConfig()).ToDictionary(kv => kv.Key, kv => kv.Value);
        return ConfigSchema.Describe(config).Where(kv => !defaults.TryGetValue(kv.Key, out var d) || d != kv.Value)
            .Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value));
    }

    /// <summary><c>lnsgd real --help</c>.</summary>
    public static string Help()
    {
        var sb = new StringBuilder();
        sb.Append($"""
            usage: lnsgd real PRESET [--data-dir DIR] [--set key=value]... [--seed N] [--steps N] [--epochs N]
                                     [--quick] [--out DIR] [--parallel N] [--force] [--no-plots] [--quiet]
                                     [--export-npz] [--data FILE] [--init FILE]
                   lnsgd real --list
                   lnsgd real --bench [--epochs N] [--threads N] [--data-dir DIR] [--set key=value]... [--json]

            Nonlinear two-layer networks f(x) = A phi(W x + b) + c. Image presets train several arms on
            the same data and initialisation (e.g. clean GD, label noise GD and their linearised models)
            and write DIR (default runs/PRESET-seedN; runs/PRESET-quick-seedN with --quick; plus -HASH
            when --set changes the preset): ARM/metrics.csv per arm, distances.csv,
            pruning.csv (fig1), the figures (.png and .svg), summary.md and manifest.json. Teacher presets
            (fig2-tanh, fig2-relu) run fig2's synthetic task with a nonlinear network, label noise
            against clean, and write each run's metrics.csv, trace.csv and snapshots.csv.

            presets: {string.Join(", ", RealPresets.All.Select(p => p.Name))} (see --list)

            Fashion-MNIST is read from {DatasetFiles.FashionMnistDefault} (install it with
            `{DatasetFiles.InstallCommand}`); MNIST (the same IDX file names, raw or .gz) and
            CIFAR-10 (binary version: data_batch_1..5.bin, test_batch.bin) from --data-dir.

            options:
              --data-dir DIR    folder with the dataset's files
              --set key=value   set a key (repeatable): image presets take the keys below,
                                teacher presets the keys of `lnsgd run --help`
              --seed N          same as --set seed=N
              --steps N         same as --set steps=N
              --epochs N        same as --set epochs=N (image presets)
              --quick           a tenth of the steps (full batch); 1 epoch on 10,000 + 2,000 images (fig1)
              --out DIR         output folder
              --parallel N      arms trained at once (default: the number of cores)
              --force           overwrite a non-empty output folder
              --no-plots        write no figures
              --quiet           print nothing but errors
              --export-npz      image presets: also write data.npz, init.npz and per arm ARM/tape.npz
                                and ARM/final.npz (see README; bench/pytorch_real_reference.py replays them)
              --data FILE       image presets: train and test on a data.npz instead of the dataset
              --init FILE       image presets: start from an init.npz's parameters instead of the seed's draw
              --bench           time whole epochs (default 3) of fig1's clean arm, no recording:
                                the number bench/real_compare.sh compares with PyTorch
              --threads N       threads of the matrix products in --bench (default: every core)
              --json            --bench prints one JSON object

            image preset keys (name, fig3 default, allowed, meaning):

            """);
        var defaults = new RealConfig();
        foreach (var key in RealSchema.Keys)
            sb.Append($"  {key.Name,-14} {key.Show(defaults),-22} {key.Allowed,-30} {key.Meaning}\n");
        return sb.ToString();
    }
}
