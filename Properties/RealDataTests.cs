using Lnsgd.Core.Engines;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using FsCheck.Xunit;
using Lnsgd.Core.Datasets;
using Lnsgd.Core.Nonlinear;
using Lnsgd.Core.RealWorld;
using Lnsgd.Core.Simulations;

namespace Lnsgd.Properties;

/// <summary>Label noise (Algorithm 1 and the notebook's), batching, subsets and the dataset parsers.</summary>
public class RealDataTests
{
    // Algorithm 1: a flipped label is never the true one, and the flip frequency is τ.
    [Property(MaxTest = 20)]
    public bool Algorithm_1_never_keeps_the_true_label_when_it_flips_and_flips_at_rate_tau(ulong seed, int rawTau, int rawClasses)
    {
        var tau = 0.05 + ((uint)rawTau % 90) / 100.0;
        var classes = 2 + (int)((uint)rawClasses % 9);
        var noise = new TargetNoise.ClassFlip(tau, OtherClass: true, Fresh: true);
        const int draws = 20_000;
        var changed = 0;
        for (var t = 0; t < draws; t++)
        {
            var label = t % classes;
            var noisy = TargetNoise.NoisyClass(noise, label, classes, seed, t / 100, t % 100);
            if (noisy < 0 || noisy >= classes) return false;
            if (noisy != label) changed++;
        }
        var sd = Math.Sqrt(tau * (1 - tau) / draws);
        return Math.Abs((double)changed / draws - tau) <= 5 * sd;
    }

    // The notebook's variant redraws from all c classes, so a flip keeps the label with probability 1/c.
    [Property(MaxTest = 10)]
    public bool The_notebook_variant_changes_labels_at_rate_tau_times_c_minus_1_over_c(ulong seed)
    {
        const int classes = 10, draws = 20_000;
        var noise = new TargetNoise.ClassFlip(0.5, OtherClass: false, Fresh: true);
        var changed = Enumerable.Range(0, draws).Count(t => TargetNoise.NoisyClass(noise, 3, classes, seed, t, 0) != 3);
        var p = 0.5 * 9 / 10;
        return Math.Abs((double)changed / draws - p) <= 5 * Math.Sqrt(p * (1 - p) / draws);
    }

    [Property(MaxTest = 20)]
    public bool Fresh_noise_is_redrawn_every_step_and_fixed_noise_is_not(ulong seed)
    {
        var fresh = new TargetNoise.ClassFlip(0.5, false, Fresh: true);
        var fixedNoise = fresh with { Fresh = false };
        var rows = Enumerable.Range(0, 64).ToList();
        var labels = rows.Select(i => i % 10).ToArray();
        var clean = new double[64 * 10];
        var f0 = fresh.Targets(clean, labels, 10, rows, seed, 0);
        var f1 = fresh.Targets(clean, labels, 10, rows, seed, 1);
        var o0 = fixedNoise.Targets(clean, labels, 10, rows, seed, 0);
        var o1 = fixedNoise.Targets(clean, labels, 10, rows, seed, 7);
        return !f0.SequenceEqual(f1) && o0.SequenceEqual(o1) && o0.SequenceEqual(f0);
    }

    [Property(MaxTest = 30)]
    public bool Every_epoch_visits_every_row_once(ulong seed, int rawN, int rawBatch, int rawEpoch)
    {
        var n = 1 + (int)((uint)rawN % 200);
        var batch = 1 + (int)((uint)rawBatch % n);
        var epoch = (uint)rawEpoch % 5;
        var batching = new Batching.Epochs(batch);
        var perEpoch = batching.StepsPerEpoch(n);
        var seen = new List<int>();
        for (var s = 0; s < perEpoch; s++) seen.AddRange(batching.Rows(seed, epoch * perEpoch + s, n));
        return seen.Count == n && seen.Distinct().Count() == n && seen.All(i => i >= 0 && i < n);
    }

    [Property(MaxTest = 30)]
    public bool A_subset_is_seeded_sorted_and_of_the_requested_size(ulong seed, int rawTotal, int rawN)
    {
        var total = 1 + (int)((uint)rawTotal % 500);
        var n = (int)((uint)rawN % (total + 3));
        var subset = ImageData.Subset(total, n, seed, 0);
        var expected = n <= 0 || n >= total ? total : n;
        return subset.Length == expected && subset.Distinct().Count() == expected
            && subset.Zip(subset.Skip(1)).All(p => p.First < p.Second)
            && subset.SequenceEqual(ImageData.Subset(total, n, seed, 0));
    }

    private static ImageSet RandomSet(int count, int height, int width, int channels, int seed)
    {
        var random = new System.Random(seed);
        var pixels = new byte[count * height * width * channels];
        random.NextBytes(pixels);
        var labels = Enumerable.Range(0, count).Select(_ => (byte)random.Next(10)).ToArray();
        return new ImageSet(count, height, width, channels, ImmutableCollectionsMarshal.AsImmutableArray(pixels), ImmutableCollectionsMarshal.AsImmutableArray(labels), 10);
    }

    private static bool Same(ImageSet a, ImageSet b) =>
        (a.Count, a.Height, a.Width, a.Channels) == (b.Count, b.Height, b.Width, b.Channels)
        && a.Pixels.SequenceEqual(b.Pixels) && a.Labels.SequenceEqual(b.Labels);

    [Property(MaxTest = 40)]
    public bool Idx_round_trips_raw_and_gzipped(int rawCount, int rawSize, int seed, bool gzip)
    {
        var set = RandomSet((int)((uint)rawCount % 20), 1 + (int)((uint)rawSize % 9), 1 + (int)((uint)(rawSize / 9) % 7), 1, seed);
        var (images, labels) = Idx.Encode(set);
        if (gzip) (images, labels) = (Gzip.Wrap(images), Gzip.Wrap(labels));
        return Same(Idx.Read(images, labels, "test"), set);
    }

    [Property(MaxTest = 30)]
    public bool Cifar10_round_trips_one_or_several_batch_files(int rawCount, int seed)
    {
        var set = RandomSet(1 + (int)((uint)rawCount % 7), 32, 32, 3, seed);
        var bytes = Cifar10.Encode(set);
        var split = Cifar10.RecordSize * Math.Max(1, set.Count / 2);
        var files = split < bytes.Length ? new[] { ("a.bin", bytes[..split]), ("b.bin", bytes[split..]) } : [("a.bin", bytes)];
        return Same(Cifar10.Read(files, "test"), set);
    }

    // Any change to the 4 magic bytes or the dimensions, any truncation or trailing byte, and any label ≥ 10 is a DatasetFormatException, never another exception.
    [Property(MaxTest = 80)]
    public bool Mutated_idx_files_are_rejected_with_a_clear_error(int rawPosition, byte value, int rawCut, int seed)
    {
        var set = RandomSet(3, 4, 5, 1, seed);
        var (images, labels) = Idx.Encode(set);
        var position = (int)((uint)rawPosition % 16);
        var mutated = (byte[])images.Clone();
        mutated[position] = value;
        var headerChanged = mutated[position] != images[position];
        var cut = 1 + (int)((uint)rawCut % (images.Length - 1));
        var badLabels = (byte[])labels.Clone();
        badLabels[^1] = (byte)(10 + value % 246);
        return (!headerChanged || Rejects(() => Idx.Read(mutated, labels, "test")))
            && Rejects(() => Idx.Read(images[..^cut], labels, "test"))
            && Rejects(() => Idx.Read([.. images, value], labels, "test"))
            && Rejects(() => Idx.Read(images, badLabels, "test"))
            && Rejects(() => Idx.Read(labels, images, "test"))
            && Rejects(() => Idx.Read(Gzip.Wrap(images) is var z ? z[..(z.Length / 2)] : [], labels, "test"));
    }

    [Property(MaxTest = 40)]
    public bool Truncated_or_mislabelled_cifar_batches_are_rejected(int rawCut, byte label, int seed)
    {
        var bytes = Cifar10.Encode(RandomSet(2, 32, 32, 3, seed));
        var cut = 1 + (int)((uint)rawCut % (bytes.Length - 1));
        var mislabelled = (byte[])bytes.Clone();
        mislabelled[Cifar10.RecordSize] = (byte)(10 + label % 246);
        return Rejects(() => Cifar10.Read([("x.bin", bytes[..^cut])], "test"))
            && Rejects(() => Cifar10.Read([("x.bin", mislabelled)], "test"))
            && Rejects(() => Cifar10.Read([], "test"));
    }

    private static bool Rejects(Func<object> parse)
    {
        try { parse(); return false; }
        catch (DatasetFormatException) { return true; }
    }

    // With φ = identity the teacher network is the paper's linear network: same draws, same trajectory to rounding.
    [Property(MaxTest = 12)]
    public bool An_identity_teacher_run_is_the_linear_run(int raw, ulong seed)
    {
        var config = Generators.Config(raw, seed, steps: 40) with { Schedule = "constant" };
        var linear = Simulation.Collect(RunSpec.Resolve(config), Engine.Dense);
        var nonlinear = TeacherRun.Run(config, new Activation.Identity());
        if (linear.Divergence is not null || nonlinear.Divergence is not null) return true;
        return linear.Rows.Length == nonlinear.Rows.Length && linear.Rows.Zip(nonlinear.Rows).All(p =>
            p.First.Step == p.Second.Step && p.First.Values().Zip(p.Second.Values()).All(v => Math.Abs(v.First - v.Second) <= 1e-9 * (1 + Math.Abs(v.First))));
    }

    // The in-place teacher kernel against the pure step it replaces.
    [Property(MaxTest = 40)]
    public bool The_teacher_kernel_is_the_pure_step(int raw, ulong seed, int dataSeed)
    {
        var baseSpec = NonlinearGenerators.Spec(raw, [.. NonlinearGenerators.Smooth, new Activation.Relu()]);
        var spec = new NetSpec(baseSpec.D, baseSpec.M, 1, baseSpec.Activation, new Parameterisation.Standard(), 1.0, 0.0, Bias: false);
        var net = TwoLayerNet.Init(spec, seed);
        var rows = 1 + (int)((uint)dataSeed % 4);
        var x = NonlinearGenerators.Inputs(rows, spec.D, dataSeed);
        var y = Generators.Vector(rows, dataSeed + 1);
        var pure = ((Model.Network)NetStep.Step(new Model.Network(net), x, rows, y, new Loss.Mse(), NetOptimiser.Gd(0.05), threads: 1).Next).Net;
        var theta = net.Theta.AsSpan().ToArray();
        TeacherKernel.Step(spec, theta, x, y, 0.05, new double[rows * spec.M], new double[rows * spec.M]);
        return Parameters.Distance(theta, pure.Theta.AsSpan()) <= 1e-12 * (1 + Parameters.Norm(theta));
    }

    // Same seed, same numbers, whatever the number of threads of the matrix products.
    [Property(MaxTest = 6)]
    public bool An_arm_gives_the_same_bytes_on_one_and_two_threads(ulong seed, bool linearised, bool sam)
    {
        var train = RandomSet(40, 6, 6, 1, (int)(seed % 1000));
        var test = RandomSet(10, 6, 6, 1, (int)(seed % 1000) + 1);
        var config = new RealConfig { NTrain = 0, NTest = 0, Width = 100, Steps = 6, RecordEvery = 3, Probe = 8, Seed = seed, Batch = linearised ? 0 : 16 };
        var task = RealTask.Prepare(config, train, test);
        var arm = new RealArm("arm", linearised, 0.3, sam ? 0.1 : 0.0);
        var one = ArmRun.Run(config, arm, task, threads: 1);
        var two = ArmRun.Run(config, arm, task, threads: 2);
        return one.Rows.SequenceEqual(two.Rows) && one.TestOutputs.Zip(two.TestOutputs).All(p => p.First.SequenceEqual(p.Second));
    }

    [Property(MaxTest = 30)]
    public bool Real_config_keys_round_trip_through_their_text(int raw)
    {
        var config = new RealConfig { Width = 1 + (int)((uint)raw % 100), Eta = 0.5 / (1 + (uint)raw % 7), Noise = ((uint)raw % 11) / 10.0, Seed = (ulong)(uint)raw };
        var rebuilt = RealSchema.Describe(config).Aggregate(new RealConfig(), (c, kv) => RealSchema.Apply(c, kv.Key, kv.Value));
        return rebuilt == config;
    }
}
