using System.Text;
using Lnsgd.Core.Datasets;
using Lnsgd.Core.Engines;
using Lnsgd.Core.Sweeps;
using Lnsgd.Core.Interchange;
using Lnsgd.Core.Simulations;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Config;
using Lnsgd.Shell.Output;
using Lnsgd.Shell.Runs;
using SweepSpecReader = Lnsgd.Shell.Sweeps.SweepSpecReader;

namespace Lnsgd.Properties.Fuzz;

/// <summary>
/// Every parser of outside input, with valid seed files. A new parser joins the fuzz with one
/// line in <see cref="All"/>.
/// </summary>
public static class FuzzTargets
{
    /// <summary>The folder manifests are read as if from (nothing is written there).</summary>
    private static readonly string RunDir = Path.Combine(Path.GetTempPath(), "lnsgd-fuzz-run");

    private static readonly RunConfig Tiny = new() { N = 12, NTest = 6, D = 4, M = 9, Steps = 40, RecordEvery = 10, Snapshots = 3, Sigma = 1.0, Eta = 0.01 };

    private static readonly Lazy<IReadOnlyList<FuzzTarget>> Targets = new(() =>
    [
        new("config file (TOML)", ConfigSeeds(), ParseConfig),
        new(".npy", NpySeeds(), bytes => Npy(() => Core.Interchange.Npy.Parse(bytes))),
        new(".npz --data", [Npz.ToBytes(RunArrays.Problem(Spec(Engine.Dense).Problem, Spec(Engine.Dense).Initial)), Npz.ToBytes(RunArrays.Problem(Spec(Engine.Dense).Problem, Spec(Engine.Dense).Initial), compress: true)], ParseData),
        new(".npz --init", [Npz.ToBytes(RunArrays.Weights(Spec(Engine.Dense).Initial)), Npz.ToBytes(RunArrays.Weights(Spec(Engine.Dense).Initial), compress: true)], ParseInit),
        new("checkpoint.npz (dense)", CheckpointSeeds(Engine.Dense), bytes => CheckpointFile.Parse(bytes, "checkpoint.npz", Spec(Engine.Dense), Engine.Dense)),
        new("checkpoint.npz (gram)", CheckpointSeeds(Engine.Gram), bytes => CheckpointFile.Parse(bytes, "checkpoint.npz", Spec(Engine.Gram), Engine.Gram)),
        new("manifest.json", ManifestSeeds(), ParseManifest),
        new("metrics.csv", [Utf8(CsvFormat.Metrics(Run().Rows))], bytes => RecordedTables.Parse(bytes, "metrics.csv", RecordedTables.MetricColumns)),
        new("trace.csv", [Utf8(CsvFormat.Trace(0, Run().Trace))], bytes => RecordedTables.Parse(bytes, "trace.csv", RecordedTables.TraceColumns)),
        new("snapshots.csv", [Utf8(CsvFormat.Snapshots(Run().Snapshots))], bytes => RecordedTables.Parse(bytes, "snapshots.csv", RecordedTables.SnapshotColumns)),
        new("IDX images", IdxSeeds(images: true), bytes => Dataset(() => Idx.Read(bytes, Idx.Encode(TinyImages(1)).Labels, "fuzz"))),
        new("IDX labels", IdxSeeds(images: false), bytes => Dataset(() => Idx.Read(Idx.Encode(TinyImages(1)).Images, bytes, "fuzz"))),
        new("CIFAR-10 batch", [Cifar10.Encode(TinyImages(3, 32))], bytes => Dataset(() => Cifar10.Read([("data_batch_1.bin", bytes)], "fuzz"))),
        new("sweep spec", SpecSeeds(), ParseSpec),
    ]);

    /// <summary>All targets.</summary>
    public static IReadOnlyList<FuzzTarget> All => Targets.Value;

    /// <summary>The target called <paramref name="name"/>.</summary>
    public static FuzzTarget Named(string name) => All.Single(t => t.Name == name);

    // As `run --config FILE` does: decode as File.ReadAllText does, parse, resolve, pick the engine.
    private static void ParseConfig(byte[] bytes)
    {
        var text = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true).ReadToEnd();
        var (preset, pairs) = ConfigLoader.ParseToml(text, "fuzz.toml");
        var (config, _) = ConfigLoader.Resolve(preset, null, pairs);
        if (EngineChoice.Resolve(config, RunSpec.BuildOptimiser(config)).ErrorMessage is { } error) throw new UsageError(error);
    }

    // As ArrayInputs does for --data and --init.
    private static void ParseData(byte[] bytes)
    {
        var (problem, error) = RunInputs.Problem(Npy(() => Npz.Parse(bytes)));
        if (problem is null) throw new UsageError($"--data: {error}");
    }

    private static void ParseInit(byte[] bytes)
    {
        var (net, error) = RunInputs.Initial(Npy(() => Npz.Parse(bytes)), Tiny.M, Tiny.D);
        if (net is null) throw new UsageError($"--init: {error}");
    }

    // As replay and resume do: read the manifest, then rebuild the run it describes.
    private static void ParseManifest(byte[] bytes)
    {
        var run = ManifestReader.Parse(bytes, "manifest.json", RunDir);
        RecordedSpec.Resolve(run, "manifest.json");
    }

    // As `lnsgd sweep SPEC` does before running anything: parse, then expand into runs.
    private static void ParseSpec(byte[] bytes)
    {
        var text = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true).ReadToEnd();
        var (_, error) = SweepExpansion.Expand(SweepSpecReader.Parse(text, "fuzz.toml"));
        if (error is not null) throw new UsageError(error);
    }

    private static T Dataset<T>(Func<T> parse)
    {
        try { return parse(); }
        catch (DatasetFormatException e) { throw new UsageError(e.Message); }
    }

    private static ImageSet TinyImages(int channels, int side = 4) => new(3, side, side, channels,
        [.. Enumerable.Range(0, 3 * side * side * channels).Select(k => (byte)(k * 7))], [1, 0, 2], 10);

    private static byte[][] IdxSeeds(bool images)
    {
        var raw = images ? Idx.Encode(TinyImages(1)).Images : Idx.Encode(TinyImages(1)).Labels;
        using var gz = new MemoryStream();
        using (var z = new System.IO.Compression.GZipStream(gz, System.IO.Compression.CompressionLevel.Optimal)) z.Write(raw);
        return [raw, gz.ToArray()];
    }

    private static byte[][] SpecSeeds() =>
    [
        Utf8("preset = \"fig2\"\nsteps = 100\nm = 30\nsigma = [1, 2, 4]\neta = [5e-4, 1e-3]\nseeds = 2\n"),
        Utf8("steps = 50\nm = 20\nseeds = [3, 7]\n[[cases]]\nsigma = 8\neta = 2e-3\n[[cases]]\nsigma = 0\n"),
    ];

    private static T Npy<T>(Func<T> parse)
    {
        try { return parse(); }
        catch (NpyFormatException e) { throw new UsageError(e.Message); }
    }

    private static readonly Dictionary<Engine, RunSpec> Specs = new()
    {
        [Engine.Dense] = RunSpec.Resolve(Tiny),
        [Engine.Gram] = RunSpec.Resolve(Tiny with { Engine = "gram" }),
    };

    private static RunSpec Spec(Engine engine) => Specs[engine];

    private static Trajectory Run() => Simulation.Collect(Spec(Engine.Dense), Engine.Dense);

    private static byte[] Utf8(string text) => new UTF8Encoding(false).GetBytes(text);

    private static byte[][] ConfigSeeds()
    {
        var all = new StringBuilder();
        foreach (var (key, value) in ConfigSchema.Describe(Tiny with { Schedule = "piecewise", SchedulePoints = "0:1,20:0.5" }))
            all.Append(key).Append(" = ").Append(double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _) ? value : $"\"{value}\"").Append('\n');
        return
        [
            Utf8("preset = \"fig2\"\nsigma = 2.0\nm = 50\nsteps = 200\n"),
            Utf8("# a comment\noptimizer = \"sam\"\nrho = 0.05\nengine = \"gram\"\nm = 40\nd = 5\n"),
            Utf8(all.ToString()),
        ];
    }

    private static byte[][] NpySeeds() =>
    [
        Core.Interchange.Npy.ToBytes(NpyArray.Matrix(3, 4, [.. Enumerable.Range(0, 12).Select(k => k * 0.5)])),
        Core.Interchange.Npy.ToBytes(NpyArray.Vector([.. Enumerable.Range(0, 5).Select(k => (long)k)])),
        Core.Interchange.Npy.ToBytes(NpyArray.Matrix(0, 3, System.Collections.Immutable.ImmutableArray<double>.Empty)),
    ];

    private static byte[][] CheckpointSeeds(Engine engine)
    {
        var spec = Spec(engine);
        return [.. new long[] { 0, 15, 33 }.Select(stop =>
            Npz.ToBytes(CheckpointArrays.Of(Simulation.Run(spec, engine, new RunControl { StopBefore = t => t == stop }).OfType<RunEvent.Stopped>().Single().Value)))];
    }

    private static byte[][] ManifestSeeds()
    {
        var spec = Spec(Engine.Dense);
        var run = Run();
        var stopped = Simulation.Run(spec, Engine.Dense, new RunControl { StopBefore = t => t == 25 }).OfType<RunEvent.Stopped>().Single().Value;
        var diverged = Simulation.Collect(RunSpec.Resolve(Tiny with { Eta = 30 }), Engine.Dense);
        return
        [
            Utf8(Manifest.Write(Tiny, null, "dense", run, [.. RunFolder.DataFiles])),
            Utf8(Manifest.Write(Tiny, "fig2", "dense", RunSession.Recorded(stopped), [.. RunFolder.DataFiles, CheckpointFile.Name], null,
                new ManifestState("interrupted", 25, new RunOptions(10, false, true)))),
            Utf8(Manifest.Write(Tiny with { Eta = 30 }, null, "dense", diverged, [.. RunFolder.DataFiles])),
            Utf8(Manifest.Write(Tiny with { Engine = "gram" }, null, "gram", Simulation.Collect(Spec(Engine.Gram), Engine.Dense), [.. RunFolder.DataFiles, "losses.png"])),
        ];
    }
}
