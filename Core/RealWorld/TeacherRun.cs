using Lnsgd.Core.Networks;
using System.Collections.Immutable;
using Lnsgd.Core.Measures;
using Lnsgd.Core.Nonlinear;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Training;

namespace Lnsgd.Core.RealWorld;

/// <summary>
/// The synthetic teacher task of a linear run config learnt by f(x) = aᵀφ(Wx): one output, no
/// biases, the standard parameterisation with σ_w = 1, so W(0) and a(0) are the linear run's Eq. 5
/// draw, the sampled rows and the ±σ noise are the linear run's draws, and with φ = identity the
/// run is the linear run up to rounding. The fold uses <see cref="TeacherKernel"/>. Recorded with the synthetic metrics: the losses are the
/// network's clean losses; every other column is computed from (W, a) as for the linear network
/// (θ = Wᵀa is then the network's slope at 0 for tanh and identity, half of it for ReLU).
/// </summary>
public static class TeacherRun
{
    /// <summary>The network spec of the teacher task with activation <paramref name="activation"/>.</summary>
    public static NetSpec Spec(RunConfig config, Activation activation) =>
        new(config.D, config.M, 1, activation, new Parameterisation.Standard(), 1.0, 0.0, Bias: false);

    /// <summary>
    /// Runs <paramref name="config"/> (optimizer sgd or gd, any noise schedule) with activation
    /// <paramref name="activation"/>. <paramref name="onRecord"/> sees each row (progress).
    /// </summary>
    public static Trajectory Run(RunConfig config, Activation activation, Action<MetricRow>? onRecord = null)
    {
        if (config.Optimizer is not ("sgd" or "gd"))
            throw new ArgumentException($"a nonlinear teacher run takes optimizer sgd or gd, not '{config.Optimizer}'");
        var spec = RunSpec.Resolve(config);
        var problem = spec.Problem;
        var netSpec = Spec(config, activation);
        var theta = new double[netSpec.Count];
        spec.Initial.W.AsSpan().CopyTo(theta.AsSpan(netSpec.OffsetW));
        spec.Initial.A.AsSpan().CopyTo(theta.AsSpan(netSpec.OffsetA));
        // The fold runs on one buffer through the in-place kernel; records wrap a copy of it.
        TwoLayerNet Net() => TwoLayerNet.Own(netSpec, (double[])theta.Clone());
        var noise = RunSpec.BuildOptimiser(config).Oracle.Noise;
        var (n, d) = (problem.N, problem.D);
        var x = problem.X.AsSpan().ToArray();
        var xTest = problem.XTest.AsSpan().ToArray();
        var loss = new Loss.Mse();
        var snapshots = spec.SnapshotSteps.ToHashSet();

        var rows = ImmutableArray.CreateBuilder<MetricRow>();
        var trace = ImmutableArray.CreateBuilder<TracePoint>();
        var clouds = ImmutableArray.CreateBuilder<NeuronSnapshot>();
        RunEvent.Diverged? divergence = null;

        void Record(long step)
        {
            var net = Net();
            var linear = LinearView(net);
            var row = Metrics.Row(step, problem, spec.Initial, linear) with
            {
                TrainLoss = loss.Value(ForwardPass.Of(net, x, n, 1).Output, problem.Y.AsSpan(), n, 1),
                TestLoss = loss.Value(ForwardPass.Of(net, xTest, problem.NTest, 1).Output, problem.YTest.AsSpan(), problem.NTest, 1),
            };
            rows.Add(row);
            var w = linear.Neuron(config.TraceNeuron);
            trace.Add(new TracePoint(step, Kernels.SquaredNorm(w), Kernels.Dot(w, problem.ThetaStar.AsSpan()), linear.A[config.TraceNeuron]));
            onRecord?.Invoke(row);
        }

        void Snapshot(long step)
        {
            var linear = LinearView(Net());
            var wSq = new double[linear.M];
            var align = new double[linear.M];
            for (var i = 0; i < linear.M; i++)
            {
                wSq[i] = Kernels.SquaredNorm(linear.Neuron(i));
                align[i] = Kernels.Dot(linear.Neuron(i), problem.ThetaStar.AsSpan());
            }
            clouds.Add(new NeuronSnapshot(step, [.. wSq], [.. align]));
        }

        var full = config.Optimizer == "gd";
        var batching = full ? (Batching)new Batching.Full() : new Batching.Sampled(config.Batch);
        var batchSize = full ? n : config.Batch;
        var hidden = new double[batchSize * netSpec.M];
        var slope = new double[batchSize * netSpec.M];
        for (long t = 0; t <= config.Steps; t++)
        {
            if (spec.IsRecordStep(t))
            {
                if (!theta.All(double.IsFinite)) { divergence = new RunEvent.Diverged(t, "network weights", double.NaN); break; }
                Record(t);
            }
            if (snapshots.Contains(t)) Snapshot(t);
            if (t == config.Steps) break;
            var batch = batching.Rows(config.Seed, t, n);
            var xBatch = new double[batch.Length * d];
            var targets = new double[batch.Length];
            for (var b = 0; b < batch.Length; b++)
            {
                x.AsSpan(batch[b] * d, d).CopyTo(xBatch.AsSpan(b * d, d));
                targets[b] = problem.Y[batch[b]] + noise.Draw(config.Seed, t, b);
            }
            var batchLoss = TeacherKernel.Step(netSpec, theta, xBatch, targets, config.Eta, hidden, slope);
            if (!double.IsFinite(batchLoss)) { divergence = new RunEvent.Diverged(t + 1, "loss", double.NaN); break; }
        }
        return new Trajectory(rows.ToImmutable(), trace.ToImmutable(), clouds.ToImmutable(), divergence is null ? LinearView(Net()) : null, divergence);
    }

    /// <summary>(W, a) of a one-output network as the linear network type, for the synthetic metrics.</summary>
    public static Network LinearView(TwoLayerNet net) =>
        Network.Own(net.Spec.M, net.Spec.D, net.W.ToArray(), net.A.ToArray());
}
