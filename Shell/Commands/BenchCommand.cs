using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Lnsgd.Core;
using Lnsgd.Core.Engines;
using Lnsgd.Core.Simulations;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Output;

namespace Lnsgd.Shell.Commands;

/// <summary>
/// <c>lnsgd bench</c>: steps per second of each engine on the paper's setting (fig2) across
/// widths. Only stepping is timed (setup and recording are not); every cell first runs an
/// untimed warm-up (so the JIT's tiers and the caches are settled for each cell, not only the
/// first), then reports the minimum and the median of several repeats. A benchmark, never a
/// test: its numbers go to README, not to assertions. A file is written only with <c>--out</c>.
/// </summary>
public static partial class BenchCommand
{
    private static readonly HashSet<string> ValueOptions = ["--out", "--repeats", "--scale"];
    private static readonly HashSet<string> FlagOptions = ["--quick", "--help"];

    /// <summary>One measured cell.</summary>
    public sealed record Cell(string Engine, int M, long Steps, double Seconds, double StepsPerSecond, double MinSeconds, double BestStepsPerSecond, double? Gflops, double CpuBestStepsPerSecond);

    /// <summary>Runs the benchmark; returns the exit code.</summary>
    public static int Execute(IReadOnlyList<string> args, TextWriter stdout)
    {
        var parsed = Arguments.Parse(args, ValueOptions, FlagOptions);
        if (parsed.Has("--help"))
        {
            stdout.Write("usage: lnsgd bench [--quick] [--repeats R] [--scale S] [--out DIR]\n\n" +
                "Steps per second of the gram engine at m = 1e3..1e6 and the dense engine at m = 1e3, 1e4,\n" +
                "on fig2 (n=200, d=20, sigma=4, batch 1; eta = 0.001 * min(1, 1000/m) so every width is stable), and the\n" +
                "floating-point operations per second of the best repeat (counted per step from the kernels' arithmetic),\n" +
                "and steps per CPU second (of the stepping thread) of the repeat with the least CPU time (on a shared machine, other jobs' time\n" +
                "slices lengthen the wall clock but not the CPU time of the run). The kernels' vector width is printed last.\n" +
                "Each cell: one untimed warm-up run, then R timed repeats (default 3); prints the median and the best.\n" +
                "--quick: widths 1e3 and 1e4 only, fewer steps. --scale multiplies every step count.\n" +
                "--out DIR: also writes DIR/bench.json (nothing is written without it).\n");
            return 0;
        }
        var quick = parsed.Has("--quick");
        var repeats = ParseInt(parsed.Last("--repeats") ?? "3", "--repeats");
        var scale = parsed.Last("--scale") is { } s ? ParseDouble(s, "--scale") : 1.0;
        var outDir = parsed.Last("--out");

        var plan = new List<(Engine Engine, int M, long Steps)>
        {
            (Engine.Gram, 1_000, 2_000_000), (Engine.Gram, 10_000, 2_000_000),
            (Engine.Dense, 1_000, 200_000), (Engine.Dense, 10_000, 20_000),
        };
        if (!quick) plan.InsertRange(2, [(Engine.Gram, 100_000, 2_000_000), (Engine.Gram, 1_000_000, 2_000_000)]);
        if (quick) plan = [.. plan.Select(p => (p.Engine, p.M, p.Steps / 10))];

        var cells = new List<Cell>();
        stdout.WriteLine($"{"engine",-7} {"m",9} {"steps",9} {"median s",9} {"steps/s",12} {"best s",9} {"best steps/s",13} {"GFLOP/s",8} {"CPU steps/s",13}");
        foreach (var (engine, m, baseSteps) in plan)
        {
            var steps = Math.Max(1, (long)(baseSteps * scale));
            // Without a width factor the curvature grows like m/d (Eq. 5), so fig2's eta diverges
            // past m = 1000; eta·m is held at fig2's value to keep every width stable.
            var eta = 0.001 * Math.Min(1.0, 1000.0 / m);
            var spec = RunSpec.Resolve(Presets.Find("fig2")!.Config with { M = m, Steps = steps, Eta = eta });
            var (times, cpuTimes) = (new List<double>(), new List<double>());
            for (var r = -1; r < repeats; r++)   // r = −1: the warm-up, not timed into the cell
            {
                var stepper = Stepper.Start(spec, engine);   // setup (draws, QR) is outside the clock
                GC.Collect();                                // so no collection of the setup's garbage lands inside it
                GC.WaitForPendingFinalizers();
                var cpu = ThreadCpu.Seconds();
                var clock = Stopwatch.StartNew();
                if (!stepper.Advance(0, steps)) throw new InvalidOperationException($"bench run diverged (engine {engine}, m = {m})");
                var wall = clock.Elapsed.TotalSeconds;
                var cpuSeconds = ThreadCpu.Seconds() - cpu;
                if (r >= 0) { times.Add(wall); cpuTimes.Add(cpuSeconds); }
            }
            var median = times.Order().ElementAt(times.Count / 2);
            var best = times.Min();
            // Rows the kernel steps: the gram engine's d + 1 virtual neurons, the dense engine's m.
            var rows = engine == Engine.Gram ? spec.Config.D + 1 : m;
            var flops = StepCost.Flops(spec.Optimiser, rows, spec.Config.D, spec.Config.N);
            var cell = new Cell(EngineChoice.Name(engine), m, steps, median, steps / median, best, steps / best, flops * steps / best / 1e9, steps / Math.Max(cpuTimes.Min(), 1e-9));
            cells.Add(cell);
            stdout.WriteLine($"{cell.Engine,-7} {m,9} {steps,9} {median,9:F3} {cell.StepsPerSecond,12:N0} {best,9:F3} {cell.BestStepsPerSecond,13:N0} {cell.Gflops,8:F2} {cell.CpuBestStepsPerSecond,13:N0}");
        }
        stdout.WriteLine($"vector width: {VectorWidth.Bits} bits");
        if (outDir is not null)
        {
            Directory.CreateDirectory(outDir);
            AtomicFile.WriteText(Path.Combine(outDir, "bench.json"), Json(cells, repeats));
        }
        return 0;
    }

    private static string Json(IEnumerable<Cell> cells, int repeats)
    {
        var json = JsonSerializer.Serialize(new
        {
            tool = "lnsgd",
            version = Manifest.ToolVersion,
            setting = "fig2: n=200, d=20, sigma=4, batch 1, float64, eta = 0.001 * min(1, 1000/m)",
            processors = Environment.ProcessorCount,
            runtime = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            repeats,
            warmup = "one untimed run per cell",
            vector_bits = VectorWidth.Bits,
            cells = cells.Select(c => new { engine = c.Engine, m = c.M, steps = c.Steps, seconds = c.Seconds, steps_per_second = c.StepsPerSecond, min_seconds = c.MinSeconds, best_steps_per_second = c.BestStepsPerSecond, gflops_best = c.Gflops, cpu_best_steps_per_second = c.CpuBestStepsPerSecond }),
        }, new JsonSerializerOptions { WriteIndented = true });
        return json + "\n";
    }

    private static int ParseInt(string s, string name) =>
        int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 1 ? v
        : throw new UsageError($"invalid value for '{name}': '{s}' (allowed: integer >= 1)");

    private static double ParseDouble(string s, string name) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v > 0 ? v
        : throw new UsageError($"invalid value for '{name}': '{s}' (allowed: finite number > 0)");
}
