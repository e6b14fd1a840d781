using System.Collections.Immutable;
using Lnsgd.Core.Nonlinear;

namespace Lnsgd.Core.RealWorld;

/// <summary>
/// One arm of a real-data experiment as a fold of <see cref="NetStep.Step"/>: batches from
/// <see cref="Batching"/>, noisy targets from <see cref="TargetNoise"/>, both pure functions of
/// (seed, step), and a record every <see cref="RecordEvery"/> steps. Arms of one experiment share
/// the seed, so they start from the same θ0 and, where both are noisy, see the same noisy labels.
/// </summary>
public static class ArmRun
{
    /// <summary>The network architecture of <paramref name="config"/> for inputs of size <paramref name="d"/>.</summary>
    public static NetSpec Spec(RealConfig config, int d, int classes) =>
        new NetSpec(d, config.Width, classes,
            Activation.Parse(config.Activation) ?? throw new ArgumentException($"unknown activation '{config.Activation}'"),
            Parameterisation.Parse(config.Param) ?? throw new ArgumentException($"unknown parameterisation '{config.Param}'"),
            config.WStd, config.BStd, config.Bias).Validate();

    /// <summary>Full batch when batch is 0 or covers the training set; shuffled epochs otherwise.</summary>
    public static Batching BatchingOf(RealConfig config, int n) =>
        config.Batch > 0 && config.Batch < n ? new Batching.Epochs(config.Batch) : new Batching.Full();

    /// <summary>The number of steps: epochs × steps per epoch, or <see cref="RealConfig.Steps"/>.</summary>
    public static long TotalSteps(RealConfig config, int n) =>
        config.Epochs > 0 ? config.Epochs * (long)BatchingOf(config, n).StepsPerEpoch(n) : config.Steps;

    /// <summary>Steps between records: one epoch when counting epochs, else <see cref="RealConfig.RecordEvery"/>.</summary>
    public static long RecordEvery(RealConfig config, int n) =>
        config.Epochs > 0 ? BatchingOf(config, n).StepsPerEpoch(n) : config.RecordEvery;

    /// <summary>The label noise of an arm with rate <paramref name="rate"/>.</summary>
    public static TargetNoise NoiseOf(RealConfig config, double rate) =>
        rate > 0 ? new TargetNoise.ClassFlip(rate, config.NoiseClasses == "other", config.NoiseRedraw == "step") : new TargetNoise.None();

    /// <summary>
    /// Trains <paramref name="arm"/> on <paramref name="task"/>. <paramref name="onRecord"/> sees each
    /// row as it is recorded (progress); <paramref name="threads"/> bounds the matrix products' threads.
    /// <paramref name="initial"/> replaces θ0 drawn from the seed (an <c>init.npz</c>).
    /// </summary>
    public static RealTrajectory Run(RealConfig config, RealArm arm, RealTask task, int threads = 0, Action<RealRow>? onRecord = null,
        bool prune = false, TwoLayerNet? initial = null)
    {
        var (train, test) = (task.Train, task.Test);
        var (n, classes) = (train.Rows, train.Classes);
        var spec = Spec(config, train.D, classes);
        var net0 = initial ?? TwoLayerNet.Init(spec, config.Seed);
        if (net0.Spec != spec) throw new ArgumentException("the initial network's spec is not the config's");
        Model model = arm.Linearised ? Model.LinearisationOf(net0) : new Model.Network(net0);
        var loss = LossOf(config);
        var batching = BatchingOf(config, n);
        var total = TotalSteps(config, n);
        var every = RecordEvery(config, n);
        var perEpoch = batching.StepsPerEpoch(n);

        var evalRows = config.EvalTrain > 0 ? Math.Min(n, config.EvalTrain) : n;
        var xEval = evalRows == n ? train.X : train.X[..(evalRows * train.D)];
        var yEval = evalRows == n ? train.Y : train.Y[..(evalRows * classes)];
        var probeRows = Math.Min(config.Probe, n);
        var xProbe = train.X[..(probeRows * train.D)];
        // θ0's forward passes, fixed for the whole run: the linearised model is evaluated around them.
        var originTrain = arm.Linearised && batching is Batching.Full ? ForwardPass.Of(net0, train.X, n, threads) : null;
        var originEval = !arm.Linearised ? null : evalRows == n && originTrain is not null ? originTrain : ForwardPass.Of(net0, xEval, evalRows, threads);
        var originTest = arm.Linearised ? ForwardPass.Of(net0, test.X, test.Rows, threads) : null;
        var k0 = arm.Linearised ? null : Ntk.Of(net0, xProbe, probeRows, threads);
        var w0 = Parameters.Norm(net0.W);
        var theta0 = net0.Theta.AsSpan().ToArray();

        var rows = ImmutableArray.CreateBuilder<RealRow>();
        var outputs = ImmutableArray.CreateBuilder<double[]>();
        double batchLossSum = 0;
        var batchLossCount = 0;
        long? diverged = null;

        void Record(long step)
        {
            var (fEval, _) = model.Evaluate(xEval, evalRows, originEval, threads);
            var (fTest, _) = model.Evaluate(test.X, test.Rows, originTest, threads);
            var point = model.Point;
            var (unitMean, unitStd) = UnitNorms(point);
            var kernel = k0 is null ? 0.0 : Ntk.Distance(k0, Ntk.Of(point, xProbe, probeRows, threads));
            var row = new RealRow(step, (double)step / perEpoch,
                loss.Value(fEval, yEval, evalRows, classes), loss.Value(fTest, test.Y, test.Rows, classes),
                Accuracy(fEval, train.Labels, evalRows, classes), Accuracy(fTest, test.Labels, test.Rows, classes),
                Parameters.Norm(point.W), w0 > 0 ? Parameters.Norm(point.W) / w0 - 1 : 0.0, unitMean, unitStd, Parameters.Norm(point.A),
                Parameters.Distance(point.Theta.AsSpan(), theta0) / Math.Max(Parameters.Norm(theta0), double.Epsilon), kernel,
                batchLossCount > 0 ? batchLossSum / batchLossCount : double.NaN);
            (batchLossSum, batchLossCount) = (0, 0);
            rows.Add(row);
            outputs.Add(fTest);
            onRecord?.Invoke(row);
        }

        Record(0);
        using var stream = Steps(config, arm, train, model, originTrain, threads).GetEnumerator();
        for (long step = 0; step < total && stream.MoveNext(); step++)
        {
            var result = stream.Current;
            if (!double.IsFinite(result.BatchLoss)) { diverged = step + 1; break; }
            model = result.Next;
            batchLossSum += result.BatchLoss;
            batchLossCount++;
            var done = step + 1;
            if (done % every == 0 || done == total)
            {
                if (!model.IsFinite()) { diverged = done; break; }
                Record(done);
            }
        }

        var pruning = ImmutableArray<PrunePoint>.Empty;
        if (prune && diverged is null && model is Model.Network final)
            pruning = [.. (RealSchema.ParseList(config.Prune) ?? []).Select(percent =>
            {
                var pruned = Nonlinear.Pruning.Keep(final.Net, percent / 100.0);
                var f = ForwardPass.Of(pruned, test.X, test.Rows, threads).Output;
                return new PrunePoint(percent, Nonlinear.Pruning.NonzeroWeights(pruned), Accuracy(f, test.Labels, test.Rows, classes));
            })];
        return new RealTrajectory(arm, rows.ToImmutable(), outputs.ToImmutable(), model, pruning, diverged);
    }

    /// <summary>
    /// The training fold of <paramref name="arm"/> from <paramref name="start"/> as a lazy, endless
    /// stream: step t's batch (<see cref="Batching"/>, a fresh permutation each epoch), its targets
    /// (<see cref="TargetNoise"/>) and <see cref="NetStep.Step"/>, yielding each step's result. The one
    /// training loop of the real-data arms; <see cref="Run"/> records from it and the epoch benchmark
    /// times it. <paramref name="originTrain"/> is θ0's forward pass on the full training set (linearised arms, full batch).
    /// </summary>
    public static IEnumerable<StepResult> Steps(RealConfig config, RealArm arm, Datasets.LabelledSplit train, Model start, ForwardPass? originTrain = null, int threads = 0)
    {
        var (n, classes) = (train.Rows, train.Classes);
        var loss = LossOf(config);
        NetOptimiser optimiser = arm.Rho > 0 ? NetOptimiser.Sam(config.Eta, arm.Rho) : NetOptimiser.Gd(config.Eta);
        var noise = NoiseOf(config, arm.Noise);
        var batching = BatchingOf(config, n);
        var perEpoch = batching.StepsPerEpoch(n);
        var model = start;
        int[]? permutation = null;
        long permutationEpoch = -1;
        for (long step = 0; ; step++)
        {
            if (batching is Batching.Epochs && step / perEpoch != permutationEpoch)
            {
                permutationEpoch = step / perEpoch;
                permutation = Batching.Permutation(config.Seed, permutationEpoch, n);
            }
            var batch = batching.Rows(config.Seed, step, n, permutation);
            var xBatch = batching is Batching.Full ? train.X : Gather(train.X, train.D, batch);
            var targets = noise.Targets(train.Y, train.Labels, classes, batch, config.Seed, step);
            var result = NetStep.Step(model, xBatch, batch.Length, targets, loss, optimiser, originTrain, threads);
            model = result.Next;
            yield return result;
        }
    }

    private static Loss LossOf(RealConfig config) =>
        Nonlinear.Loss.Parse(config.Loss) ?? throw new ArgumentException($"unknown loss '{config.Loss}'");

    /// <summary>The fraction of rows whose largest output (first on ties) is the label.</summary>
    public static double Accuracy(ReadOnlySpan<double> outputs, int[] labels, int rows, int classes)
    {
        if (rows == 0) return double.NaN;
        var correct = 0;
        for (var i = 0; i < rows; i++)
        {
            var best = 0;
            for (var k = 1; k < classes; k++) if (outputs[i * classes + k] > outputs[i * classes + best]) best = k;
            if (best == labels[i]) correct++;
        }
        return (double)correct / rows;
    }

    /// <summary>Mean and (population) standard deviation of the hidden units' ‖w_i‖.</summary>
    public static (double Mean, double Std) UnitNorms(TwoLayerNet net)
    {
        var m = net.Spec.M;
        double sum = 0, sumSq = 0;
        for (var i = 0; i < m; i++) { var norm = Parameters.Norm(net.Unit(i)); sum += norm; sumSq += norm * norm; }
        var mean = sum / m;
        return (mean, Math.Sqrt(Math.Max(0, sumSq / m - mean * mean)));
    }

    private static double[] Gather(double[] x, int d, int[] rows)
    {
        var result = new double[rows.Length * d];
        for (var r = 0; r < rows.Length; r++) x.AsSpan(rows[r] * d, d).CopyTo(result.AsSpan(r * d, d));
        return result;
    }
}
