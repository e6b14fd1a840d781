using System.Collections.Concurrent;
using System.Diagnostics;
using Lnsgd.Core.Nonlinear;
using Lnsgd.Core.RealWorld;
using Lnsgd.Core.Simulations;
using Lnsgd.Shell.Plots;

namespace Lnsgd.Shell.RealWorld;

/// <summary>The outcome of a real-data preset: its arms' trajectories (in arm order) and how long each took.</summary>
public sealed record ImageResult(RealPreset.Images Preset, RealConfig Config, RealTask Task, IReadOnlyList<RealTrajectory> Arms,
    IReadOnlyList<double> Seconds, IReadOnlyList<(string Path, string Sha256)> Files);

/// <summary>The outcome of a nonlinear teacher preset: the label noise run and the clean run.</summary>
public sealed record TeacherResult(RealPreset.Teacher Preset, RunConfig Config, LabelledRun Noisy, LabelledRun Clean);

/// <summary>Runs the arms of a preset over the cores and reports progress lines.</summary>
public static class RealRunner
{
    /// <summary>Runs an image preset's arms, several at once (each on one thread when they fill the cores), from <paramref name="initial"/> if given.</summary>
    public static ImageResult RunImages(RealPreset.Images preset, RealConfig config, RealTask task,
        IReadOnlyList<(string Path, string Sha256)> files, int parallel, TextWriter? progress, TwoLayerNet? initial = null)
    {
        var arms = preset.Experiment.Arms(config);
        var threads = Math.Max(1, parallel / Math.Max(1, Math.Min(arms.Length, parallel)));
        var results = new RealTrajectory[arms.Length];
        var seconds = new double[arms.Length];
        var total = ArmRun.TotalSteps(config, task.Train.Rows);
        var perEpoch = ArmRun.RecordEvery(config, task.Train.Rows) < total && config.Epochs > 0;
        var prune = preset.Experiment is RealExperiment.Pruning;
        Parallel.For(0, arms.Length, new ParallelOptions { MaxDegreeOfParallelism = parallel }, a =>
        {
            var clock = Stopwatch.StartNew();
            results[a] = ArmRun.Run(config, arms[a], task, threads, row =>
            {
                if (progress is not null && perEpoch && row.Step > 0)
                    lock (progress) progress.WriteLine($"  {preset.Name} / {arms[a].Label}: epoch {row.Epoch:F0}, test accuracy {row.TestAccuracy:F4}, {clock.Elapsed.TotalSeconds:F0} s");
            }, prune, initial);
            seconds[a] = clock.Elapsed.TotalSeconds;
            if (progress is not null)
                lock (progress) progress.WriteLine($"ran {preset.Name} / {arms[a].Label}: {results[a].Rows[^1].Step:N0} steps in {seconds[a]:F1} s" +
                    (results[a].DivergedAt is { } d ? $" (diverged at step {d})" : ""));
        });
        return new ImageResult(preset, config, task, results, seconds, files);
    }

    /// <summary>Runs a teacher preset: its config with label noise as given, and the same with σ = 0.</summary>
    public static TeacherResult RunTeacher(RealPreset.Teacher preset, RunConfig config, int parallel, TextWriter? progress)
    {
        var activation = Activation.Parse(preset.Activation)!;
        var configs = new[] { config, config with { Sigma = 0.0 } };
        var runs = new ConcurrentDictionary<int, Trajectory>();
        Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = parallel }, k =>
        {
            var clock = Stopwatch.StartNew();
            runs[k] = TeacherRun.Run(configs[k], activation);
            if (progress is not null)
                lock (progress) progress.WriteLine($"ran {preset.Name} / {(k == 0 ? "label noise" : "clean")}: {configs[k].Steps:N0} steps in {clock.Elapsed.TotalSeconds:F1} s");
        });
        return new TeacherResult(preset, config, new LabelledRun($"{preset.Activation}, label noise SGD", runs[0]), new LabelledRun($"{preset.Activation}, clean SGD", runs[1]));
    }
}
