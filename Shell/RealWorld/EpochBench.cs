using System.Diagnostics;
using System.Globalization;
using Lnsgd.Core.Nonlinear;
using Lnsgd.Core.RealWorld;

namespace Lnsgd.Shell.RealWorld;

/// <summary>
/// <c>lnsgd real --bench</c>: wall-clock time of whole epochs of the fig1 MLP's clean arm (shuffle,
/// gather, forward, backward, update; no recording), the figure bench/mlp_epoch.py measures for PyTorch.
/// </summary>
public static class EpochBench
{
    /// <summary>Seconds per epoch and the last batch's loss: the clean arm's own training stream (<see cref="ArmRun.Steps"/>), timed epoch by epoch.</summary>
    public static (double[] Seconds, double LastLoss) Run(RealConfig config, RealTask task, int epochs, int threads)
    {
        var train = task.Train;
        Model model = new Model.Network(TwoLayerNet.Init(ArmRun.Spec(config, train.D, train.Classes), config.Seed));
        var perEpoch = ArmRun.BatchingOf(config, train.Rows).StepsPerEpoch(train.Rows);
        using var stream = ArmRun.Steps(config, new RealArm("clean", false, 0, 0), train, model, threads: threads).GetEnumerator();
        var seconds = new double[epochs];
        var last = double.NaN;
        for (var e = 0; e < epochs; e++)
        {
            var clock = Stopwatch.StartNew();
            for (var s = 0; s < perEpoch && stream.MoveNext(); s++) last = stream.Current.BatchLoss;
            seconds[e] = clock.Elapsed.TotalSeconds;
        }
        return (seconds, last);
    }

    /// <summary>The result as one JSON object or one line of text.</summary>
    public static string Format(RealConfig config, RealTask task, int threads, double[] seconds, double lastLoss, bool json)
    {
        var inv = CultureInfo.InvariantCulture;
        var best = seconds.Min();
        return json
            ? $"{{\"framework\": \"lnsgd {Output.Manifest.ToolVersion}\", \"dtype\": \"float64\", \"threads\": {threads}, \"images\": {task.Train.Rows}, \"batch\": {config.Batch}, \"width\": {config.Width}, " +
              $"\"epoch_seconds\": [{string.Join(", ", seconds.Select(s => s.ToString("R", inv)))}], \"best\": {best.ToString("R", inv)}, \"final_loss\": {lastLoss.ToString("R", inv)}}}\n"
            : $"lnsgd (float64, {threads} threads): {task.Train.Rows:N0} images, {task.Train.D}-{config.Width}-{task.Train.Classes} {config.Activation}, batch {config.Batch}: " +
              $"epochs {string.Join(", ", seconds.Select(s => s.ToString("F2", inv)))} s; best {best.ToString("F2", inv)} s\n";
    }
}
