using System.Collections.Concurrent;
using Lnsgd.Core.Simulations;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Commands;
using Lnsgd.Shell.Output;

namespace Lnsgd.Shell.Runs;

/// <summary>
/// <c>lnsgd run PRESET --seeds N</c> (or A..B): one run per seed, in parallel on the local cores,
/// each in its own folder exactly as a single <c>run</c> writes it (<c>DIR/PRESET-seedK</c>, DIR =
/// <c>--out</c> or <c>runs</c>), then the aggregate folder <c>DIR/PRESET-seedsA-B</c>
/// (<see cref="SeedAggregate"/>). Every folder is checked before anything runs. Exit 0, 3 when a
/// seed diverged (the aggregate is still written, with the divergence noted), 130/143 when
/// stopped (no aggregate).
/// </summary>
public static class SeedRuns
{
    /// <summary>Runs the seeds of a parsed <c>run</c> command line that has <c>--seeds</c>; returns the exit code.</summary>
    public static int Execute(Arguments parsed, TextWriter stdout, TextWriter stderr)
    {
        var parent = parsed.Last("--out") ?? "runs";
        // A first plan (into a folder that is never created) names the preset and the base seed.
        var first = RunCommand.Plan(parsed, outDir: Path.Combine(parent, "lnsgd-seeds-unused"));
        var name = first.Preset ?? "run";
        var seeds = SeedList.Parse(parsed.Last("--seeds")!, first.Config.Seed);
        var aggregate = Path.Combine(parent, $"{name}-seeds{seeds[0]}-{seeds[^1]}");
        RunFolder.Prepare(aggregate, parsed.Has("--force"));
        var plans = seeds.Select(s => RunCommand.Plan(parsed, s, Path.Combine(parent, $"{name}-seed{s}"))).ToList();

        var quiet = parsed.Has("--quiet");
        var (output, errors) = (TextWriter.Synchronized(stdout), TextWriter.Synchronized(stderr));
        var results = new ConcurrentDictionary<ulong, (int Code, Trajectory? Run)>();
        using var stop = StopSignal.Listen();
        Parallel.ForEach(plans, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, plan =>
        {
            var code = RunSession.Execute(plan, TextWriter.Null, errors, stop, quiet: true, out var run);
            results[plan.Config.Seed] = (code, run);
            if (!quiet && run is { Rows.IsEmpty: false } r)
                output.WriteLine($"seed {plan.Config.Seed}: wrote {plan.OutDir} (mean_w_sq {r.Rows[0].MeanWSq:G4} -> {r.Rows[^1].MeanWSq:G4}, mean_cos {r.Rows[^1].MeanCos:F4}{(r.Divergence is null ? "" : ", diverged")})");
        });

        var codes = results.Values.Select(v => v.Code).ToList();
        if (codes.FirstOrDefault(c => c is 130 or 143) is var stopped and not 0) return stopped;
        var finished = plans.Where(p => results[p.Config.Seed].Run is not null)
            .Select(p => (p.Config.Seed, Path.GetRelativePath(aggregate, p.OutDir).Replace('\\', '/'), results[p.Config.Seed].Run!)).ToList();
        var files = SeedAggregate.Write(aggregate, plans[0].Config, plans[0].Preset, finished, !parsed.Has("--no-plots"), plans[0].Figures);
        if (!quiet) stdout.WriteLine($"wrote {aggregate}: {finished.Count} seeds, {string.Join(", ", files)}");
        return codes.Any(c => c == 3) ? 3 : codes.Max();
    }
}
