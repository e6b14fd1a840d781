using System.Collections.Immutable;
using Lnsgd.Core.Interchange;
using Lnsgd.Core.Nonlinear;

namespace Lnsgd.Core.RealWorld;

/// <summary>
/// Every draw one arm of a real-data run makes, as arrays numpy and PyTorch load: the training
/// rows of each step's batch, the (noisy) class each of them is trained on, and for shuffled
/// epochs each epoch's permutation. A pure function of (config, arm, clean labels), built from the
/// same <see cref="Batching"/> and <see cref="TargetNoise"/> calls <see cref="ArmRun.Run"/> makes,
/// so the tape is what the run used (a property test holds it to the targets of the fold).
/// </summary>
public static class RealTape
{
    /// <summary>The largest tape array, in entries, that is exported: 2 GiB of int64.</summary>
    public const long MaxEntries = 1L << 28;

    /// <summary>Slots per step: the batch size for shuffled epochs, every row (n) for the full batch.</summary>
    public static int Width(RealConfig config, int n) => ArmRun.BatchingOf(config, n) is Batching.Epochs e ? e.Size : n;

    /// <summary>Why the tape of a run on <paramref name="n"/> rows cannot be exported, or null when it can.</summary>
    public static string? Error(RealConfig config, int n)
    {
        var steps = ArmRun.TotalSteps(config, n);
        return steps * Width(config, n) > MaxEntries
            ? $"the tape of steps × samples per step = {steps} × {Width(config, n)} entries exceeds the export limit of {MaxEntries}"
            : null;
    }

    /// <summary>
    /// <c>index</c> (int64, steps × width): the training row in each batch slot, −1 in the unused
    /// slots of an epoch's last, smaller batch; <c>labels</c> (int64, same shape): the class that
    /// row is trained on at that step (its clean label for a clean arm), −1 where index is −1;
    /// and for shuffled epochs <c>permutation</c> (int64, epochs × n), each epoch's shuffle, whose
    /// consecutive slices of the batch size are the steps' batches.
    /// </summary>
    public static ImmutableArray<(string Name, NpyArray Array)> Of(RealConfig config, RealArm arm, int[] labels, int classes)
    {
        var n = labels.Length;
        if (Error(config, n) is { } error) throw new ArgumentException(error);
        var batching = ArmRun.BatchingOf(config, n);
        var noise = ArmRun.NoiseOf(config, arm.Noise);
        var steps = (int)ArmRun.TotalSteps(config, n);
        var width = Width(config, n);
        var perEpoch = batching.StepsPerEpoch(n);
        var index = new long[(long)steps * width];
        var classOf = new long[(long)steps * width];
        Array.Fill(index, -1L);
        Array.Fill(classOf, -1L);
        var permutations = new List<int[]>();
        int[]? permutation = null;
        for (long step = 0; step < steps; step++)
        {
            if (batching is Batching.Epochs && step % perEpoch == 0)
            {
                permutation = Batching.Permutation(config.Seed, step / perEpoch, n);
                permutations.Add(permutation);
            }
            var rows = batching.Rows(config.Seed, step, n, permutation);
            for (var slot = 0; slot < rows.Length; slot++)
            {
                var row = rows[slot];
                index[step * width + slot] = row;
                classOf[step * width + slot] = noise is TargetNoise.ClassFlip flip
                    ? TargetNoise.NoisyClass(flip, labels[row], classes, config.Seed, step, row)
                    : labels[row];
            }
        }
        var arrays = ImmutableArray.CreateBuilder<(string, NpyArray)>();
        arrays.Add(("index", NpyArray.Matrix(steps, width, NpyArray.Own(index))));
        arrays.Add(("labels", NpyArray.Matrix(steps, width, NpyArray.Own(classOf))));
        if (batching is Batching.Epochs)
            arrays.Add(("permutation", NpyArray.Matrix(permutations.Count, n,
                NpyArray.Own(permutations.SelectMany(p => p.Select(i => (long)i)).ToArray()))));
        return arrays.ToImmutable();
    }
}
