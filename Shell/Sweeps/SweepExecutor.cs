using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Lnsgd.Core.Engines;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Sweeps;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Output;

namespace Lnsgd.Shell.Sweeps;

/// <summary>
/// Runs a list of sweep runs, several at a time, each into DIR/&lt;id&gt;. A run
/// whose folder is complete is skipped; any other folder of that id is cleared and redone; a
/// run that throws gets its error written to error.txt and the others go on. Each run holds its
/// folder's <see cref="FolderLock"/> while it clears and writes it, so two sweep processes that
/// meet on one run never delete each other's files: the second reports it as failed (busy) and
/// goes on. A full disk stops the sweep (every later run would fail too). Runs are handed
/// out one at a time to a fixed set of threads, so a slow run never holds back a queue of others.
/// </summary>
public static class SweepExecutor
{
    /// <summary>How to run: runs at once, whether to draw each run's figures, the preset to name in manifests.</summary>
    public sealed record Options(int Parallel, bool Plots, string? Preset);

    /// <summary>
    /// Executes <paramref name="runs"/> under <paramref name="dir"/>; returns one result per run,
    /// in the order of <paramref name="runs"/>. <paramref name="report"/> sees each result as it
    /// happens (from worker threads). <paramref name="simulate"/> replaces the simulation (tests
    /// use it to make a run fail).
    /// </summary>
    public static ImmutableArray<RunResult> Execute(
        IReadOnlyList<SweepRun> runs, string dir, Options options,
        Action<RunResult>? report = null, Func<RunConfig, (Trajectory Trajectory, string Engine)>? simulate = null)
    {
        Directory.CreateDirectory(dir);
        simulate ??= Simulate;
        // One core per run: the gram engine's record-time product U·ΔK (m × (d+1) by (d+1)²) is
        // big enough for MathNet to split over the thread pool, which doubled the CPU of a
        // one-run-at-a-time sweep for a few percent of speed and made --parallel N use more than
        // N cores. Runs are independent, so the parallelism belongs across them. (The numbers
        // are the same either way: each product element is summed in one order.)
        MathNet.Numerics.Control.UseSingleThread();
        var results = new RunResult[runs.Count];
        var next = -1;
        ExceptionDispatchInfo? crash = null;
        void Work()
        {
            try
            {
                for (var k = Interlocked.Increment(ref next); k < runs.Count; k = Interlocked.Increment(ref next))
                {
                    results[k] = One(runs[k], Path.Combine(dir, runs[k].Id), options, simulate);
                    report?.Invoke(results[k]);
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref crash, ExceptionDispatchInfo.Capture(e), null);
                next = runs.Count; // the others stop taking runs
            }
        }
        // Dedicated threads: each item is seconds of CPU work, not a short thread-pool task.
        var workers = Enumerable.Range(0, Math.Max(1, Math.Min(options.Parallel, runs.Count)))
            .Select(i => new Thread(Work) { IsBackground = true, Name = $"lnsgd sweep {i}" }).ToList();
        foreach (var worker in workers) worker.Start();
        foreach (var worker in workers) worker.Join();
        crash?.Throw();
        return [.. results];
    }

    /// <summary>The simulation of a config on its auto-chosen engine.</summary>
    public static (Trajectory Trajectory, string Engine) Simulate(RunConfig config)
    {
        var spec = RunSpec.Resolve(config);
        var chosen = EngineChoice.Resolve(config, spec.Optimiser).Match(e => e, error => throw new InvalidOperationException(error));
        return (Simulation.Collect(spec, chosen), EngineChoice.Name(chosen));
    }

    private static RunResult One(SweepRun run, string folder, Options options, Func<RunConfig, (Trajectory, string)> simulate)
    {
        var state = RunFolderState.Of(folder, run.Hash);
        if (state is RunFolderState.Complete) return new RunResult.Skipped(run);
        var redone = state is not RunFolderState.Absent;
        var clock = Stopwatch.StartNew();
        FolderLock held;
        try { held = FolderLock.Acquire(folder); }
        catch (UsageError e) { return new RunResult.Failed(run, e.Message); }
        using var _ = held;
        try
        {
            // Another process may have completed it between the look above and the lock.
            if (RunFolderState.Of(folder, run.Hash) is RunFolderState.Complete) return new RunResult.Skipped(run);
            // Leftovers of an earlier attempt (partial files, an old error) must not mix with this one.
            if (redone) Clear(folder);
            var (trajectory, engine) = simulate(run.Config);
            RunFolder.Write(folder, run.Config, options.Preset, engine, trajectory, plots: options.Plots);
            return new RunResult.Ran(run, redone, trajectory.Divergence is null ? "finished" : "diverged", clock.Elapsed);
        }
        catch (Exception e) when (e is not OutOfMemoryException && !WriteFailure.Is(e))
        {
            var message = $"{e.GetType().Name}: {e.Message}";
            try
            {
                Directory.CreateDirectory(folder);
                AtomicFile.WriteText(Path.Combine(folder, RunFolderState.ErrorFile), $"run {run.Id} ({run.Label}) failed: {message}\n\n{e}\n");
            }
            catch (Exception writeError) when (writeError is IOException or UnauthorizedAccessException)
            {
                message += $" (and its error.txt could not be written: {writeError.Message})";
            }
            return new RunResult.Failed(run, message);
        }
    }

    // Everything in a run folder but its lock file (which this process holds).
    private static void Clear(string folder)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder).ToList())
        {
            if (Path.GetFileName(entry) == FolderLock.Name) continue;
            if (Directory.Exists(entry) && !File.GetAttributes(entry).HasFlag(FileAttributes.ReparsePoint)) Directory.Delete(entry, recursive: true);
            else File.Delete(entry);
        }
    }
}
