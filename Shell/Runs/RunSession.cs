using Lnsgd.Core.Engines;
using Lnsgd.Core.Interchange;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Theory;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Output;

namespace Lnsgd.Shell.Runs;

/// <summary>
/// Executes a <see cref="RunPlan"/> and keeps its folder recoverable at every moment:
/// with a checkpoint period K the manifest says <c>running</c> from the start and each
/// checkpoint is written before the manifest that mentions it; a stop request ends the run
/// after the current step with <c>checkpoint.npz</c>, the records so far and an
/// <c>interrupted</c> manifest; the end writes the usual folder. A finished run drops its
/// checkpoint; a diverged one keeps the last (unlisted: it is recovery state, not output).
/// The folder is locked (<see cref="FolderLock"/>) from before it is taken over until the end, and
/// a stop request during the final writes and figures ends them there, with the checkpoint of
/// the last step, so that too is resumable.
/// Exit codes: 0 finished, 3 diverged, 130/143 stopped by SIGINT/SIGTERM.
/// </summary>
public static class RunSession
{
    /// <summary>Runs the plan; returns the exit code.</summary>
    public static int Execute(RunPlan plan, TextWriter stdout, TextWriter stderr, StopSignal stop, bool quiet) =>
        Execute(plan, stdout, stderr, stop, quiet, out _);

    /// <summary>Runs the plan; returns the exit code and what was recorded (null when stopped).</summary>
    public static int Execute(RunPlan plan, TextWriter stdout, TextWriter stderr, StopSignal stop, bool quiet, out Trajectory? recorded)
    {
        recorded = null;
        var (spec, dir, options) = (plan.Spec, plan.OutDir, plan.Options);
        var config = spec.Config;
        var engine = EngineChoice.Name(plan.Engine);
        var checkpointed = options.CheckpointEvery > 0;
        using var folderLock = FolderLock.Acquire(dir);
        TakeOver(dir, plan.Takeover);
        if (plan.From is null)
            foreach (var warning in StepSizeWarnings.Of(spec)) stderr.WriteLine($"lnsgd: warning: {warning}");
        using var live = LiveRun.Start(dir, plan.From?.Rows ?? []);
        var lastCheckpoint = plan.From?.State.Step;
        if (checkpointed && plan.From is null)
            AtomicFile.WriteText(Path.Combine(dir, "manifest.json"), Manifest.Write(config, plan.Preset, engine,
                new Trajectory([], [], [], null, null), [], plan.Inputs, new ManifestState("running", 0, options)));

        var progress = new Progress(config.Steps, quiet, stdout, !Console.IsOutputRedirected && stdout == Console.Out);
        Checkpoint? stopped = null, atEnd = null;
        var setupDone = false;
        IEnumerable<RunEvent> Tap(IEnumerable<RunEvent> events)
        {
            foreach (var e in events)
            {
                // The first event comes after the engine's setup: at large m its temporaries (the
                // QR fallback's m × (d+1) copies, where it runs) are garbage now; collecting them
                // here lets the end of the run reuse their memory instead of adding to the peak.
                if (!setupDone && config.M >= 100_000) GC.Collect();
                setupDone = true;
                switch (e)
                {
                    case RunEvent.Recorded r: progress.Report(r.Row); live.Record(r.Row); break;
                    // The state before the last step's records: kept in memory, written only if a stop comes during the final writes.
                    case RunEvent.Checkpointed c when c.Value.State.Step == config.Steps: atEnd = c.Value; break;
                    case RunEvent.Checkpointed c:
                        // Checkpoint first: a manifest never names a checkpoint that is not on disk yet.
                        CheckpointFile.Write(dir, c.Value);
                        AtomicFile.WriteText(Path.Combine(dir, "manifest.json"), Manifest.Write(config, plan.Preset, engine, Recorded(c.Value),
                            [CheckpointFile.Name], plan.Inputs, new ManifestState("running", c.Value.State.Step, options)));
                        lastCheckpoint = c.Value.State.Step;
                        break;
                    case RunEvent.Stopped s: stopped = s.Value; break;
                }
                yield return e;
            }
        }
        var control = new RunControl { From = plan.From, CheckpointEvery = options.CheckpointEvery, StopBefore = stop.Requested, CheckpointAtEnd = true };
        var events = Tap(Simulation.Run(spec, plan.Engine, control));
        var trajectory = plan.From is { } from ? from.Continue(events) : Trajectory.Of(events);

        int Interrupt(Checkpoint at)
        {
            progress.Abort();
            RunFolder.Write(dir, config, plan.Preset, engine, Recorded(at), plots: false,
                extra: [(CheckpointFile.Name, s => Npz.Write(s, CheckpointArrays.Of(at)))], inputs: plan.Inputs,
                state: new ManifestState("interrupted", at.State.Step, options));
            var where = at.State.Step < config.Steps ? $"before step {at.State.Step} of {config.Steps}" : "while writing the final files";
            stderr.WriteLine($"lnsgd: stopped by {stop.Name} {where}; the checkpoint and the records so far are in {dir}; continue with: lnsgd resume {dir}");
            return stop.ExitCode;
        }
        if (stopped is { } at) return Interrupt(at);

        // The cosines of the neuron clouds need the ‖θ⋆‖ of the data the run used (it may come from --data);
        // the limiting flow's prediction, where the theory applies, is drawn dashed on the measured curves.
        var prediction = options.Predict && trajectory.Divergence is null ? Prediction.RunPrediction.Of(spec) : null;
        var figures = (plan.Figures ?? new Plots.FigureOptions()) with
        {
            TeacherNorm = Math.Sqrt(spec.Problem.ThetaStar.Sum(v => v * v)),
            Theory = Plots.TheoryCurves.Of(prediction?.Corrected),
        };
        try
        {
            RunFolder.Write(dir, config, plan.Preset, engine, trajectory, plots: options.Plots,
                extra: [.. options.ExportNpz ? NpzExport.Files(spec, trajectory) : [], .. Prediction.RunPrediction.Files(config, prediction)], inputs: plan.Inputs,
                state: checkpointed ? new ManifestState(Options: options) : null, figureOptions: figures,
                stop: atEnd is null ? null : () => stop.Requested(config.Steps));
        }
        catch (RunFolder.Stopped) { return Interrupt(atEnd!); }
        recorded = trajectory;
        var checkpointPath = Path.Combine(dir, CheckpointFile.Name);
        if (trajectory.Divergence is { } d)
        {
            progress.Abort();
            var kept = File.Exists(checkpointPath) && lastCheckpoint is { } k ? $"; the last good checkpoint (before step {k}) stays in {checkpointPath}" : "";
            stderr.WriteLine($"lnsgd: run diverged at step {d.Step}: {d.Quantity} {d.Reason}; stable step size estimate 2/lambda_max = {d.StableEta:G4} (eta = {config.Eta:G4}); the records made before that step are in {dir}{kept}");
            return 3;
        }
        // Finished: the checkpoint has done its job, and the folder now equals an uninterrupted run's.
        if (File.Exists(checkpointPath)) File.Delete(checkpointPath);
        if (!quiet)
        {
            var (first, last) = (trajectory.Rows[0], trajectory.Rows[^1]);
            stdout.WriteLine($"wrote {dir}: {config.Steps} steps, mean_w_sq {first.MeanWSq:G4} -> {last.MeanWSq:G4}, w_frob {first.WFrob:G6} -> {last.WFrob:G6}, mean_cos {last.MeanCos:F4}, test_loss {last.TestLoss:G4}");
        }
        return 0;
    }

    /// <summary>What a checkpoint recorded, as a trajectory that neither finished nor diverged.</summary>
    public static Trajectory Recorded(Checkpoint c) => new(c.Rows, c.Trace, c.Snapshots, null, null);

    // Under the folder's lock, so two processes never both pass these checks.
    private static void TakeOver(string dir, FolderTakeover takeover)
    {
        switch (takeover)
        {
            case FolderTakeover.New:
                RunFolder.Prepare(dir, force: false, locked: true);
                break;
            case FolderTakeover.Overwrite:
                // The old manifest goes first: until the new one is written the folder says no run is complete.
                foreach (var name in new[] { ManifestReader.Name, CheckpointFile.Name })
                    if (File.Exists(Path.Combine(dir, name))) File.Delete(Path.Combine(dir, name));
                StaleFiles.RemoveTemporaries(dir);
                break;
            case FolderTakeover.Continue:
                StaleFiles.RemoveTemporaries(dir);
                break;
        }
    }
}
