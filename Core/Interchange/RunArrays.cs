using Lnsgd.Core.Networks;
using System.Collections.Immutable;
using Lnsgd.Core.Problems;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Training;

namespace Lnsgd.Core.Interchange;

/// <summary>
/// A run as named arrays, for the <c>.npz</c> files numpy and PyTorch load: the problem and
/// initial network, the tape of every draw, the final network. Matrices are row-major, as in Core.
/// </summary>
public static class RunArrays
{
    /// <summary>The largest tape, in draws (steps × width), that is exported: 2 GiB per array.</summary>
    public const long MaxTapeDraws = 1L << 28;

    /// <summary>
    /// <c>X</c> (n×d), <c>y</c> (n), <c>X_test</c>, <c>y_test</c>, <c>theta_star</c> (d), <c>W0</c> (m×d), <c>a0</c> (m).
    /// </summary>
    public static ImmutableArray<(string Name, NpyArray Array)> Problem(SyntheticProblem problem, Network initial) =>
    [
        ("X", NpyArray.Matrix(problem.N, problem.D, problem.X)),
        ("y", NpyArray.Vector(problem.Y)),
        ("X_test", NpyArray.Matrix(problem.NTest, problem.D, problem.XTest)),
        ("y_test", NpyArray.Vector(problem.YTest)),
        ("theta_star", NpyArray.Vector(problem.ThetaStar)),
        ("W0", NpyArray.Matrix(initial.M, initial.D, initial.W)),
        ("a0", NpyArray.Vector(initial.A)),
    ];

    /// <summary><c>W</c> (m×d) and <c>a</c> (m).</summary>
    public static ImmutableArray<(string Name, NpyArray Array)> Weights(Network net) =>
        [("W", NpyArray.Matrix(net.M, net.D, net.W)), ("a", NpyArray.Vector(net.A))];

    /// <summary>Samples per step on the tape: the batch for sgd and sam, every row (n) for gd and sam-gd.</summary>
    public static int TapeWidth(RunConfig c) => Drawer(RunSpec.BuildOptimiser(c)) switch
    {
        GradientOracle.Sample sgd => sgd.Batch,
        GradientOracle.FullBatch => c.N,
        _ => 0,
    };

    /// <summary>Why the run's tape cannot be exported, or null when it can.</summary>
    public static string? TapeError(RunConfig c) =>
        Drawer(RunSpec.BuildOptimiser(c)) is null
            ? $"optimizer '{c.Optimizer}' has no tape: it samples no batches and adds no label noise"
            : c.Steps * TapeWidth(c) > MaxTapeDraws
                ? $"the tape of steps × samples per step = {c.Steps} × {TapeWidth(c)} draws exceeds the export limit of {MaxTapeDraws}"
                : null;

    /// <summary>
    /// The tape: <c>index</c> (int64, steps × width), the training row of each batch slot, and
    /// <c>noise</c> (float64, same shape), the ε added to that row's label (noise schedule
    /// applied). Step t's gradient is the mean over its slots of r·x with r = θᵀx − y − ε. For
    /// gd the slots are the rows 0..n−1; SAM uses its base's draws for both of its gradients.
    /// A pure function of the spec: the same draws <see cref="Gradient"/> makes.
    /// </summary>
    public static ImmutableArray<(string Name, NpyArray Array)> Tape(RunSpec spec)
    {
        var c = spec.Config;
        if (TapeError(c) is { } error) throw new ArgumentException(error);
        var (steps, width) = ((int)c.Steps, TapeWidth(c));
        var drawer = Drawer(spec.Optimiser);
        var index = new long[steps * width];
        var noise = new double[steps * width];
        for (var t = 0; t < steps; t++)
        {
            for (var s = 0; s < width; s++)
            {
                var k = t * width + s;
                (index[k], noise[k]) = drawer switch
                {
                    GradientOracle.Sample sgd => (Gradient.SampleRow(c.Seed, t, s, spec.Problem.N), sgd.Noise.Draw(c.Seed, t, s)),
                    GradientOracle.FullBatch gd => (s, gd.Noise.Draw(c.Seed, t, s)),
                    _ => throw new InvalidOperationException($"no tape for optimiser {spec.Optimiser.Name}"),
                };
            }
        }
        return [("index", NpyArray.Matrix(steps, width, NpyArray.Own(index))), ("noise", NpyArray.Matrix(steps, width, NpyArray.Own(noise)))];
    }

    // The oracle whose batch and noise draws a step uses (SAM's second gradient reuses them); the
    // oscillation simulation and Langevin dynamics take the clean full batch, which draws nothing.
    private static GradientOracle? Drawer(Optimiser optimiser) =>
        optimiser.Descent is OscillationStep or LangevinStep ? null : optimiser.Oracle;
}
