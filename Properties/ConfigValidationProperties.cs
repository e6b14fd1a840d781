using FsCheck.Xunit;
using Lnsgd.Core;
using Lnsgd.Core.Engines;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Training;
using Lnsgd.Shell;
using Lnsgd.Shell.Commands;
using Xunit;

namespace Lnsgd.Properties;

/// <summary>
/// The library refuses exactly the configs the CLI refuses, with the CLI's line: a typed config
/// handed to <see cref="RunSpec.Resolve(RunConfig)"/> and the same values typed as <c>--set</c>
/// pairs meet one validation (<see cref="ConfigSchema.Validate"/>).
/// </summary>
public class ConfigValidationProperties
{
    private static readonly double[] Reals = [-1.5, -0.0, 0.0, 1e-3, 0.05, 4.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity];
    private static readonly int[] Ints = [int.MinValue, -1, 0, 1, 2, 3, 21, 250];
    private static readonly long[] Longs = [-1, 0, 1, 7, 10_000];
    // Wrong names users type (no surrounding spaces: the CLI trims what is typed, a typed config has nothing to trim).
    private static readonly string[] Names = ["adam", "Gaussian", "cosine", "SGD", "", "SPARSE", "sam-sam", "auto!", "x y"];

    private static IEnumerable<(string Key, Func<RunConfig, RunConfig> Set)> Ints_(string key, Func<RunConfig, int, RunConfig> set) => Ints.Select(v => (key, (Func<RunConfig, RunConfig>)(c => set(c, v))));
    private static IEnumerable<(string Key, Func<RunConfig, RunConfig> Set)> Longs_(string key, Func<RunConfig, long, RunConfig> set) => Longs.Select(v => (key, (Func<RunConfig, RunConfig>)(c => set(c, v))));
    private static IEnumerable<(string Key, Func<RunConfig, RunConfig> Set)> Reals_(string key, Func<RunConfig, double, RunConfig> set) => Reals.Select(v => (key, (Func<RunConfig, RunConfig>)(c => set(c, v))));
    private static IEnumerable<(string Key, Func<RunConfig, RunConfig> Set)> Names_(string key, string[] valid, Func<RunConfig, string, RunConfig> set) => valid.Concat(Names).Select(v => (key, (Func<RunConfig, RunConfig>)(c => set(c, v))));

    /// <summary>Every key with valid and invalid typed values, the cross-key constraints and the engine rules among them.</summary>
    private static readonly (string Key, Func<RunConfig, RunConfig> Set)[] Changes =
    [
        .. Ints_("n", (c, v) => c with { N = v }), .. Ints_("n_test", (c, v) => c with { NTest = v }),
        .. Ints_("d", (c, v) => c with { D = v }), .. Ints_("m", (c, v) => c with { M = v }),
        .. Reals_("eta", (c, v) => c with { Eta = v }), .. Reals_("sigma", (c, v) => c with { Sigma = v }),
        .. Names_("noise", ["rademacher", "gaussian"], (c, v) => c with { Noise = v }),
        .. Ints_("batch", (c, v) => c with { Batch = v }), .. Longs_("steps", (c, v) => c with { Steps = v }),
        ("seed", c => c with { Seed = ulong.MaxValue }),
        .. Names_("teacher", ["dense", "sparse"], (c, v) => c with { Teacher = v }),
        .. Reals_("teacher_norm", (c, v) => c with { TeacherNorm = v }), .. Ints_("teacher_k", (c, v) => c with { TeacherK = v }),
        .. Reals_("init_scale_w", (c, v) => c with { InitScaleW = v }), .. Reals_("init_scale_a", (c, v) => c with { InitScaleA = v }),
        .. Longs_("record_every", (c, v) => c with { RecordEvery = v }),
        .. Names_("optimizer", ["sgd", "gd", "sam", "sam-gd", "oscillation"], (c, v) => c with { Optimizer = v }),
        .. Reals_("rho", (c, v) => c with { Rho = v }),
        .. Names_("schedule", ["constant", "periodic", "piecewise", "linear", "exponential"], (c, v) => c with { Schedule = v }),
        .. Longs_("period_on", (c, v) => c with { PeriodOn = v }), .. Longs_("period_off", (c, v) => c with { PeriodOff = v }),
        .. Names_("schedule_points", ["0:1", "0:1,10:0", "5:1", "0:-1", "0:1,0:2", "junk"], (c, v) => c with { SchedulePoints = v }),
        .. Longs_("decay_steps", (c, v) => c with { DecaySteps = v }), .. Reals_("decay_end", (c, v) => c with { DecayEnd = v }),
        .. Reals_("half_life", (c, v) => c with { HalfLife = v }), .. Ints_("snapshots", (c, v) => c with { Snapshots = v }),
        .. Ints_("trace_neuron", (c, v) => c with { TraceNeuron = v }),
        .. Names_("engine", ["auto", "dense", "gram"], (c, v) => c with { Engine = v }),
    ];

    private static RunConfig Build(int[] picks) =>
        picks.Take(4).Aggregate(new RunConfig { M = 40, Steps = 50 }, (c, p) => Changes[(int)((uint)p % Changes.Length)].Set(c));

    // The command line that types config's values: every key that differs from the defaults, in schema order.
    private static List<string> CommandLine(RunConfig config, string outDir)
    {
        var defaults = new RunConfig();
        var args = new List<string> { "run" };
        foreach (var key in ConfigSchema.Keys)
            if (key.Show(config) != key.Show(defaults)) args.AddRange(["--set", $"{key.Name}={key.Show(config)}"]);
        args.AddRange(["--out", outDir, "--quiet"]);
        return args;
    }

    [Property(MaxTest = 300)]
    public bool The_library_refuses_what_the_cli_refuses_with_the_same_line(int[] picks)
    {
        var config = Build(picks);
        var dir = Path.Combine(Path.GetTempPath(), "lnsgd-validate-" + Guid.NewGuid().ToString("N"));
        var args = CommandLine(config, dir);
        try
        {
            var library = RunSpec.TryResolve(config);
            if (library is Result<RunSpec>.Error refused)
            {
                var (stdout, stderr) = (new StringWriter(), new StringWriter());
                var code = Program.Dispatch(args, stdout, stderr);
                var thrown = Assert.Throws<ArgumentException>(() => RunSpec.Resolve(config));
                return code == 2 && stderr.ToString() == $"lnsgd: {refused.Message}{Environment.NewLine}"
                    && thrown.Message == refused.Message && !Directory.Exists(dir);
            }
            // Accepted by the library: the CLI plans the same run (validates everything, runs nothing).
            var plan = RunCommand.Plan(args.Skip(1).ToList());
            return plan.Spec.Config == config && plan.Engine == EngineChoice.Of(library.ValueOrThrow());
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("optimizer", "adam")]
    [InlineData("schedule", "cosine")]
    [InlineData("noise", "Gaussian")]
    public void Unknown_names_are_refused_not_run_as_the_default(string key, string value)
    {
        var config = key switch
        {
            "optimizer" => new RunConfig { Optimizer = value },
            "schedule" => new RunConfig { Schedule = value },
            _ => new RunConfig { Noise = value },
        };
        var e = Assert.Throws<ArgumentException>(() => RunSpec.Resolve(config));
        Assert.StartsWith($"invalid value for '{key}': '{value}' (allowed: one of ", e.Message);
        Assert.Equal(e.Message, Assert.Throws<ArgumentException>(() => RunSpec.BuildOptimiser(config)).Message);
    }

    [Fact]
    public void The_issues_examples_are_refused_with_the_cli_lines()
    {
        Assert.Equal("invalid value for 'eta': '-1' (allowed: finite number > 0)", RunSpec.TryResolve(new RunConfig { Eta = -1 }).ErrorMessage);
        Assert.Equal("invalid value for 'm': '0' (allowed: integer >= 1)", RunSpec.TryResolve(new RunConfig { M = 0 }).ErrorMessage);
        Assert.Equal("invalid value for 'batch': '500' (allowed: integer in [1, n] = [1, 200])", RunSpec.TryResolve(new RunConfig { Batch = 500 }).ErrorMessage);
    }

    [Fact]
    public void Sam_around_sam_or_the_oscillation_chain_cannot_be_built()
    {
        var sgd = Optimiser.Sgd(1e-3, 1, new LabelNoise(new NoiseLaw.Rademacher(), 1.0, new NoiseSchedule.Constant()));
        var sam = Optimiser.Sam(0.1, sgd);
        Assert.Throws<ArgumentException>(() => Optimiser.Sam(0.2, sam));
        Assert.Throws<ArgumentException>(() => Optimiser.Sam(0.2, Optimiser.Oscillation(1e-3)));
        Assert.Throws<ArgumentException>(() => new Optimiser(GradientOracle.Clean, new Ascent.Sam(0.2), new OscillationStep(1e-3)));
        Assert.Equal((sgd.Oracle, sgd.Descent), (sam.Oracle, sam.Descent));
        Assert.Equal("sam", sam.Name);
    }

    [Fact]
    public void The_default_engine_is_the_configs_auto_choice()
    {
        var spec = RunSpec.Resolve(Presets.Find("fig2")!.Config with { Steps = 20, RecordEvery = 10 });
        Assert.Equal(Engine.Gram, EngineChoice.Of(spec));
        var byDefault = Simulation.Collect(spec);
        var onGram = Simulation.Collect(spec, Engine.Gram);
        Assert.True(onGram.Rows.SequenceEqual(byDefault.Rows) && onGram.Final!.W.SequenceEqual(byDefault.Final!.W));
        Assert.False(onGram.Rows.SequenceEqual(Simulation.Collect(spec, Engine.Dense).Rows));   // the engines differ by rounding: the default is not dense
        Assert.Equal(Engine.Dense, EngineChoice.Of(RunSpec.Resolve(spec.Config with { Engine = "dense" })));
        Assert.StartsWith("invalid value for 'engine': 'gram'", RunSpec.TryResolve(spec.Config with { M = 5, Engine = "gram" }).ErrorMessage);
    }
}
