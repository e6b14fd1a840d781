using System.Diagnostics;
using System.Globalization;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Sweeps;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Config;
using Lnsgd.Shell.Output;
using Lnsgd.Shell.Sweeps;

namespace Lnsgd.Shell.Commands;

/// <summary>
/// <c>lnsgd sweep SPEC</c>: expand the spec (Core), pick this process's shard, run what is not
/// already complete on the local cores and write one run folder per run. Exit 0 when every run
/// of the shard is complete, 1 when a run failed (its error is in its folder), 2 on bad input.
/// </summary>
public static partial class SweepCommand
{
    private static readonly HashSet<string> ValueOptions = ["--out", "--parallel", "--shard", "--shards", Limits.OutputOption];
    private static readonly HashSet<string> FlagOptions = ["--plots", "--dry-run", "--quiet", "--help", "--json"];

    /// <summary>Runs the command with the process environment; returns the exit code.</summary>
    public static int Execute(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr) =>
        Execute(args, stdout, stderr, Environment.GetEnvironmentVariable);

    /// <summary>Runs the command reading shard variables from <paramref name="environment"/>.</summary>
    public static int Execute(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        var parsed = Arguments.Parse(args, ValueOptions, FlagOptions);
        if (parsed.Has("--help")) { stdout.Write(HelpText.Sweep()); return 0; }
        if (parsed.Positionals.Count != 1) throw new UsageError($"sweep takes one spec file, got: {(parsed.Positionals.Count == 0 ? "none" : string.Join(' ', parsed.Positionals))}");
        var specPath = parsed.Positionals[0];
        var spec = SweepSpecReader.Read(specPath);
        var (all, error) = SweepExpansion.Expand(spec);
        if (error is not null) throw new UsageError($"sweep spec '{specPath}': {error}");
        var (shard, source) = ShardChoice.Resolve(parsed.Last("--shard"), parsed.Last("--shards"), environment);
        var parallel = OptionValue.Integer(parsed, "--parallel", 1, Environment.ProcessorCount);
        var outDir = parsed.Last("--out") ?? Path.Combine("sweeps", Path.GetFileNameWithoutExtension(specPath));
        if (File.Exists(outDir)) throw new UsageError($"output path '{outDir}' is a file, not a folder");
        var runs = shard.Select(all);
        // The largest run times the runs at once must fit in memory; all of them together, in the output limit.
        if (runs.Count > 0)
        {
            var estimates = runs.Select(r => ResourceEstimate.Of(r.Config, checkpointed: false, plots: parsed.Has("--plots"))).ToList();
            var atOnce = Math.Min(parallel, runs.Count);
            var memory = estimates.Max(e => e.MemoryBytes);
            var total = new ResourceEstimate(memory > long.MaxValue / atOnce ? long.MaxValue : memory * atOnce,
                estimates.Aggregate(0L, (s, e) => s > long.MaxValue - e.OutputBytes ? long.MaxValue : s + e.OutputBytes));
            if (!parsed.Has("--dry-run")) Limits.Check(total, Limits.Output(parsed.Last(Limits.OutputOption)), $"sweep '{specPath}' ({runs.Count} runs, {atOnce} at a time): ");
        }
        var json = parsed.Has("--json");
        var quiet = parsed.Has("--quiet") || json;
        var where = shard.Count == 1 ? $"{all.Length} runs" : $"shard {shard} ({source}): {runs.Count} of {all.Length} runs";

        if (parsed.Has("--dry-run") && json) { stdout.Write(SweepJson.DryRun(specPath, outDir, shard, source, all.Length, runs)); return 0; }
        if (parsed.Has("--dry-run"))
        {
            stdout.WriteLine($"sweep {specPath}: {where}, into {outDir}");
            foreach (var run in runs) stdout.WriteLine($"{run.Id}  {run.Label}");
            return 0;
        }

        // One process per shard of a folder: a second identical sweep gets one line and exit 2
        // (other shards, and every run folder, have locks of their own).
        using var shardLock = FolderLock.Acquire(outDir, shard.Count == 1 ? FolderLock.Name : $".lnsgd-shard-{shard.Index}-of-{shard.Count}.lock");
        if (!quiet) stdout.WriteLine($"sweep {specPath}: {where}, {parallel} at a time, into {outDir}");
        var clock = Stopwatch.StartNew();
        var done = 0;
        var results = SweepExecutor.Execute(runs, outDir, new SweepExecutor.Options(parallel, parsed.Has("--plots"), spec.Preset), result =>
        {
            lock (stdout)
            {
                done++;
                switch (result)
                {
                    case RunResult.Failed f:
                        stderr.WriteLine($"lnsgd: [{done}/{runs.Count}] run {f.Run.Id} ({f.Run.Label}) failed: {f.Error}");
                        break;
                    case RunResult.Ran r when !quiet:
                        stdout.WriteLine($"[{done}/{runs.Count}] {r.Run.Id}  {r.Run.Label}: {r.Status}{(r.Redone ? " (redone)" : "")} in {Seconds(r.Elapsed.TotalSeconds)} s");
                        break;
                }
            }
        });
        var elapsed = clock.Elapsed.TotalSeconds;
        var ran = results.OfType<RunResult.Ran>().ToList();
        var failed = results.OfType<RunResult.Failed>().ToList();
        var skipped = results.Count(r => r is RunResult.Skipped);
        if (!quiet)
        {
            var rate = ran.Count > 0 && elapsed > 0 ? $", {(ran.Count / elapsed).ToString("F2", CultureInfo.InvariantCulture)} runs/s" : "";
            stdout.WriteLine(
                $"sweep done: {ran.Count} ran ({ran.Count(r => r.Redone)} redone, {ran.Count(r => r.Status == "diverged")} diverged), "
                + $"{skipped} already complete, {failed.Count} failed; {Seconds(elapsed)} s wall{rate}");
        }
        if (json) stdout.Write(SweepJson.Done(specPath, outDir, shard, source, all.Length, results, elapsed));
        if (failed.Count == 0) return 0;
        stderr.WriteLine($"lnsgd: {failed.Count} of {runs.Count} runs failed (each folder's {RunFolderState.ErrorFile} says why); run the sweep again to retry them");
        return 1;
    }

    private static string Seconds(double s) => s.ToString("F1", CultureInfo.InvariantCulture);
}
