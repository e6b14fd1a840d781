using FsCheck.Xunit;
using Lnsgd.Core.Engines;
using Lnsgd.Core.Interchange;
using Lnsgd.Core.Measures;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Theory;
using Lnsgd.Properties.Reliability;
using Xunit;

namespace Lnsgd.Properties.Width;

/// <summary>
/// Bounded output at any width: the neuron sample behind snapshots, sampled snapshots against
/// full ones, checkpoints of sampled runs, and the width-aware step size <c>eta_relative</c>.
/// </summary>
public class WidthTests
{
    [Property(MaxTest = 300)]
    public bool The_sample_is_sorted_distinct_in_range_holds_the_traced_neuron_and_has_the_asked_size(uint rawM, uint rawCount, uint rawTraced, ulong seed, bool all)
    {
        var m = 1 + (int)(rawM % 3000);
        int? count = all ? null : (int)(rawCount % (uint)(m + 20));
        var traced = (int)(rawTraced % (uint)m);
        var sample = NeuronSample.Of(m, count, traced, seed);
        var expected = count is { } k ? Math.Min(k, m) : m;
        return sample.Length == expected
            && sample.Zip(sample.Skip(1)).All(p => p.First < p.Second)
            && sample.All(i => i >= 0 && i < m)
            && (expected == 0 || sample.Contains(traced))
            && sample.SequenceEqual(NeuronSample.Of(m, count, traced, seed));
    }

    /// <summary>
    /// Each other neuron is drawn with probability (k − 1)/(m − 1): over S seeds its count is
    /// Binomial(S, p), checked to 5 standard deviations (fixed seeds: the test is deterministic).
    /// </summary>
    [Fact]
    public void Every_other_neuron_is_drawn_equally_often()
    {
        const int m = 20, k = 6, traced = 3, seeds = 4000;
        var counts = new int[m];
        for (var s = 0UL; s < seeds; s++)
            foreach (var i in NeuronSample.Of(m, k, traced, s)) counts[i]++;
        Assert.Equal(seeds, counts[traced]);
        var p = (k - 1.0) / (m - 1);
        var tolerance = 5 * Math.Sqrt(p * (1 - p) / seeds);
        for (var i = 0; i < m; i++)
            if (i != traced) Assert.InRange(counts[i] / (double)seeds, p - tolerance, p + tolerance);
    }

    /// <summary>
    /// A sampled run records the same metric rows as an unsampled one, bit for bit, and each
    /// snapshot holds exactly the unsampled snapshot's values at the sampled neurons; 0 means none.
    /// </summary>
    [Property(MaxTest = 40)]
    public bool Sampled_snapshots_are_the_full_snapshots_at_the_sampled_neurons(int raw, ulong seed, bool gram, uint rawCount)
    {
        var config = Generators.Config(raw, seed, steps: 30) with { M = 8 + (int)((uint)raw % 20) };
        config = config with { SnapshotNeurons = (int)(rawCount % (uint)(config.M + 2)), TraceNeuron = (int)(seed % (ulong)config.M) };
        var engine = gram ? Engine.Gram : Engine.Dense;
        var sampled = Simulation.Collect(RunSpec.Resolve(config), engine);
        var full = Simulation.Collect(RunSpec.Resolve(config with { SnapshotNeurons = null }), engine);
        if (Trajectory.Hash(sampled.Rows) != Trajectory.Hash(full.Rows)) return false;
        if (config.SnapshotNeurons == 0) return sampled.Snapshots.IsEmpty;
        if (!sampled.Snapshots.Select(s => s.Step).SequenceEqual(full.Snapshots.Select(s => s.Step))) return false;
        return sampled.Snapshots.Zip(full.Snapshots).All(p =>
            BitEquality.Same(p.First.Neurons.Select(i => p.Second.WSq[i]), p.First.WSq)
            && BitEquality.Same(p.First.Neurons.Select(i => p.Second.Align[i]), p.First.Align)
            && p.First.Neurons.Contains(config.TraceNeuron));
    }

    /// <summary>
    /// Past one chunk (<see cref="NeuronTally.ChunkNeurons"/>) records are measured on all cores:
    /// the streamed row still has the bytes of the formed network's row, the traced neuron is the
    /// formed network's, and every column agrees with one plain index-order pass to rounding.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Records_of_a_network_wider_than_one_chunk_equal_the_formed_network_and_one_pass_to_rounding(bool gram)
    {
        var config = Presets.Find("fig2")!.Config with { M = NeuronTally.ChunkNeurons * 2 + 123, D = 3, N = 40, NTest = 40, Steps = 20, EtaRelative = 0.5 };
        var spec = RunSpec.Resolve(config);
        var stepper = Stepper.Start(spec, gram ? Engine.Gram : Engine.Dense);
        Assert.True(stepper.Advance(0, 20));
        var streamed = stepper.Row(20, spec.Problem, spec.Initial);
        var net = stepper.Current();
        var formed = Metrics.Row(20, spec.Problem, spec.Initial, net);
        Assert.True(BitEquality.Same(streamed.Values(), formed.Values()), "streamed and formed rows differ");
        var onePass = new NeuronTally(spec.Problem, net.M);
        for (var i = 0; i < net.M; i++) onePass.Add(net.Neuron(i), net.A[i], spec.Initial.Neuron(i));
        var (chunked, plain) = (formed.Values(), onePass.Row(20).Values());
        for (var c = 0; c < plain.Length; c++)
            Assert.True(Math.Abs(chunked[c] - plain[c]) <= 1e-12 * Math.Max(1.0, Math.Abs(plain[c])), $"column {c}: chunked {chunked[c]:R}, one pass {plain[c]:R}");
        Assert.NotEqual(0.0, streamed.LazyStat);
    }

    /// <summary>A sampled run stopped anywhere and resumed from its checkpoint's arrays ends with the uninterrupted run's bytes.</summary>
    [Property(MaxTest = 30)]
    public bool A_sampled_run_resumes_from_its_checkpoint_bit_for_bit(int raw, ulong seed, bool gram, uint stopRaw)
    {
        var config = Generators.Config(raw, seed, steps: 40) with { M = 9 + (int)((uint)raw % 10), SnapshotNeurons = 4, Snapshots = 5 };
        var spec = RunSpec.Resolve(config);
        var engine = gram ? Engine.Gram : Engine.Dense;
        var stop = 1 + stopRaw % 39;
        Checkpoint? saved = null;
        foreach (var e in Simulation.Run(spec, engine, new RunControl { StopBefore = t => t == stop }))
            if (e is RunEvent.Stopped s) saved = s.Value;
        if (saved is null) return false;
        var (back, error) = CheckpointArrays.Read(Npz.Parse(Npz.ToBytes(CheckpointArrays.Of(saved))));
        if (error is not null || back is null || Checkpoint.Check(back, spec, engine) is not null) return false;
        var resumed = back.Continue(Simulation.Run(spec, engine, new RunControl { From = back }));
        var whole = Simulation.Collect(spec, engine);
        return BitEquality.Difference(resumed, whole) is null
            && resumed.Snapshots.All(x => x.Neurons.SequenceEqual(spec.SnapshotNeurons));
    }

    /// <summary>
    /// eta_relative = r resolves to η = r · 2/λ(θ₀) exactly, and 2/λ(θ₀) does not depend on the η
    /// the config carried (the curvature at θ₀ is a property of the data, the weights and the batch).
    /// </summary>
    [Property(MaxTest = 60)]
    public bool Eta_relative_is_a_fraction_of_the_stable_step_at_initialisation(int raw, ulong seed, uint rawRelative)
    {
        var config = Generators.Config(raw, seed, optimisers: ["sgd", "gd", "sam", "sam-gd"]);
        var relative = 0.05 + rawRelative % 100 / 100.0;
        var plain = RunSpec.Resolve(config);
        var scaled = RunSpec.Resolve(config with { EtaRelative = relative, Eta = 0.5 });
        return scaled.StableEta == plain.StableEta
            && scaled.Config.Eta == relative * plain.StableEta
            && scaled.Optimiser.Eta == scaled.Config.Eta
            && double.IsFinite(plain.StableEta) && plain.StableEta > 0;
    }

    /// <summary>The stable step falls like 1/m at the paper's initialisation (Eq. 5): 10× the width, about a tenth of the step.</summary>
    [Fact]
    public void The_stable_step_falls_like_one_over_the_width()
    {
        var small = RunSpec.Resolve(Presets.Find("fig2")!.Config with { M = 1000, Steps = 10 }).StableEta;
        var wide = RunSpec.Resolve(Presets.Find("fig2")!.Config with { M = 10_000, Steps = 10 }).StableEta;
        Assert.InRange(small / wide, 8.0, 12.0);
    }

    [Fact]
    public void The_paper_setting_runs_without_warnings_and_a_lazy_noise_floor_is_named()
    {
        Assert.Empty(StepSizeWarnings.Of(RunSpec.Resolve(Presets.Find("fig2")!.Config)));
        var wide = StepSizeWarnings.Of(RunSpec.Resolve(Presets.Find("fig2")!.Config with { M = 100_000, Eta = 1e-5 }));
        Assert.Contains(wide, w => w.Contains("noise floor", StringComparison.Ordinal));
        var unstable = StepSizeWarnings.Of(RunSpec.Resolve(Presets.Find("fig2")!.Config with { M = 2000 }));
        Assert.Contains(unstable, w => w.Contains("of the stable step size", StringComparison.Ordinal));
    }

    [Fact]
    public void Eta_and_eta_relative_together_are_one_line_exit_2()
    {
        var (code, _, stderr) = RunFolderProperties.Cli("run", "fig2", "--set", "eta=0.001", "--set", "eta_relative=0.5", "--steps", "10");
        Assert.Equal(2, code);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("'eta' and 'eta_relative'", stderr, StringComparison.Ordinal);
        var (oscillation, _, message) = RunFolderProperties.Cli("run", "oscillation", "--set", "eta_relative=0.5", "--steps", "10");
        Assert.Equal(2, oscillation);
        Assert.Contains("eta_relative", message, StringComparison.Ordinal);
    }
}
