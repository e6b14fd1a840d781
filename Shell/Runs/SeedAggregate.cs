using System.Globalization;
using System.Text;
using Lnsgd.Core.Measures;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Sweeps;
using Lnsgd.Shell.Output;
using Lnsgd.Shell.Plots;

namespace Lnsgd.Shell.Runs;

/// <summary>
/// The aggregate folder of one setting run over several seeds: seed-mean curves with 95 %
/// bands (<c>bands.csv</c>), the phase steps with 95 % intervals (<c>phases.csv</c>,
/// <c>summary.md</c>) and the losses and phases figures drawn with bands and markers.
/// </summary>
public static class SeedAggregate
{
    /// <summary>The columns whose bands <c>bands.csv</c> holds.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["train_loss", "test_loss", "theta_err", "mean_w_sq", "mean_cos", "min_cos", "escaped_frac"];

    /// <summary>The files <see cref="Write"/> produces (figures only when <c>plots</c>).</summary>
    public static IReadOnlyList<string> FileNames(bool plots) =>
        ["bands.csv", "phases.csv", .. plots ? new[] { "losses.png", "losses.svg", "phases.png", "phases.svg" } : [], "summary.md"];

    /// <summary>
    /// Writes the aggregate of <paramref name="runs"/> (seed, its folder, what it recorded) into
    /// <paramref name="dir"/>; <paramref name="config"/> is the first seed's. Returns the file names.
    /// </summary>
    public static IReadOnlyList<string> Write(string dir, RunConfig config, string? preset,
        IReadOnlyList<(ulong Seed, string Folder, Trajectory Run)> runs, bool plots, FigureOptions? options = null)
    {
        Directory.CreateDirectory(dir);
        var trajectories = runs.Select(r => r.Run).ToList();
        AtomicFile.WriteText(Path.Combine(dir, "bands.csv"), BandsCsv(trajectories));
        var table = PhaseMarkers.Table(trajectories);
        AtomicFile.WriteText(Path.Combine(dir, "phases.csv"), PhasesCsv(table, runs.Count));
        if (plots)
        {
            var o = options ?? new FigureOptions();
            LabelledSeeds[] seeds = [new(preset ?? "run", [.. trajectories])];
            var caption = $"{RunFigures.Setting(config, preset)}, seeds {Seeds(runs)}";
            RunFigures.Save(dir, "losses", RunFigures.Height, Figures.Losses(seeds, caption, o.Axis, o.Theory));
            RunFigures.Save(dir, "phases", 2 * RunFigures.Height, [.. Figures.Phases(seeds, config.D, caption, o.Axis, o.Theory)]);
        }
        AtomicFile.WriteText(Path.Combine(dir, "summary.md"), Summary(config, preset, runs, table));
        return FileNames(plots);
    }

    /// <summary>"0–4" for a contiguous range, else the list.</summary>
    public static string Seeds(IReadOnlyList<(ulong Seed, string Folder, Trajectory Run)> runs)
    {
        var seeds = runs.Select(r => r.Seed).Order().ToList();
        return seeds.Count > 1 && seeds[^1] - seeds[0] == (ulong)(seeds.Count - 1) ? $"{seeds[0]}–{seeds[^1]}" : string.Join(", ", seeds);
    }

    /// <summary>step, then per column its seed mean, the 95 % interval's ends, and the number of seeds that recorded the step.</summary>
    public static string BandsCsv(IReadOnlyList<Trajectory> runs)
    {
        var bands = Columns.Select(c => SeedBand.Of([.. runs.Select(t => t.Rows.Select(r => (r.Step, r[c])))]).ToDictionary(p => p.Step)).ToList();
        var steps = bands.SelectMany(b => b.Keys).Distinct().Order().ToList();
        var sb = new StringBuilder("step,seeds");
        foreach (var c in Columns) sb.Append(CultureInfo.InvariantCulture, $",{c}_mean,{c}_low,{c}_high");
        sb.Append('\n');
        foreach (var step in steps)
        {
            sb.Append(step.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(bands.Max(b => b.TryGetValue(step, out var p) ? p.Count : 0).ToString(CultureInfo.InvariantCulture));
            foreach (var b in bands)
                if (b.TryGetValue(step, out var p)) sb.Append(',').Append(Cell.Of(p.Mean)).Append(',').Append(Cell.Of(p.Low)).Append(',').Append(Cell.Of(p.High));
                else sb.Append(",,,");
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>event, seeds that reached it, seeds, and the mean step with its 95 % interval over those seeds.</summary>
    public static string PhasesCsv(IReadOnlyList<(string Name, PhaseMarker? Marker)> table, int seeds)
    {
        var sb = new StringBuilder("event,reached,seeds,mean_step,low,high\n");
        foreach (var (name, m) in table)
            sb.Append(CultureInfo.InvariantCulture, $"{name},{m?.Reached ?? 0},{seeds},{Cell.Of(m?.Step.Mean)},{Cell.Of(m?.Step.Low)},{Cell.Of(m?.Step.High)}\n");
        return sb.ToString();
    }

    /// <summary>A one-line rendering of a phase step over seeds: "30,000 [28,100, 31,900] (5/5)", or "not reached (0/5)".</summary>
    public static string Describe(PhaseMarker? m, int seeds) =>
        m is null ? $"not reached (0/{seeds})"
        : m.Reached == 1 ? $"{Steps(m.Step.Mean)} (1/{seeds})"
        : $"{Steps(m.Step.Mean)} [{Steps(Math.Max(0, m.Step.Low))}, {Steps(m.Step.High)}] ({m.Reached}/{seeds})";

    private static string Steps(double v) => Math.Round(v).ToString("N0", CultureInfo.InvariantCulture);

    private static string Summary(RunConfig config, string? preset, IReadOnlyList<(ulong Seed, string Folder, Trajectory Run)> runs,
        IReadOnlyList<(string Name, PhaseMarker? Marker)> table)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"# {preset ?? "run"} over {runs.Count} seeds ({Seeds(runs)})\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"{RunFigures.Setting(config, preset)}, {config.Steps:N0} steps.\n\n");
        sb.Append("Phase steps: mean over the seeds that reached the event, its 95 % Student-t interval, and how many seeds reached it ");
        sb.Append("(record steps, exact to the recording interval; escape = every neuron left the lazy regime of Definition 1, ");
        sb.Append("norm ½ = mean ‖w_i‖² halved (Phase I), cos 0.5 / 0.9 = mean |cos(w_i, θ⋆)| passed 0.5 / 0.9 (Phase II)).\n\n");
        sb.Append("| event | step |\n|---|---|\n");
        foreach (var (name, m) in table) sb.Append(CultureInfo.InvariantCulture, $"| {name} | {Describe(m, runs.Count)} |\n");
        var finals = runs.Where(r => !r.Run.Rows.IsEmpty).Select(r => r.Run.Rows[^1]).ToList();
        if (finals.Count > 0)
        {
            sb.Append("\nFinal values (mean [95 % interval] over the seeds):\n\n| metric | final |\n|---|---|\n");
            foreach (var c in Columns)
            {
                var i = Interval.Of([.. finals.Select(r => r[c])]);
                sb.Append(CultureInfo.InvariantCulture, $"| {c} | {Num(i.Mean)} [{Num(i.Low)}, {Num(i.High)}] |\n");
            }
        }
        var diverged = runs.Where(r => r.Run.Divergence is not null).ToList();
        if (diverged.Count > 0)
            sb.Append("\nDiverged: ").AppendJoin(", ", diverged.Select(r => $"seed {r.Seed} at step {r.Run.Divergence!.Step:N0}")).Append(" (their records stop there; means use the seeds that reached each step).\n");
        sb.Append("\nSeed folders: ").AppendJoin(", ", runs.Select(r => $"`{r.Folder}`")).Append(".\n");
        sb.Append("\n`bands.csv`: per recorded step and column, the mean over the seeds and its 95 % interval (arithmetic; the figures' log panels use the interval of log10 values).\n");
        return sb.ToString();
    }

    private static string Num(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
