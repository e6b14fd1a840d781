using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Lnsgd.Core.Problems;
using Lnsgd.Core.Random;

namespace Lnsgd.Core.Training;

/// <summary>
/// The loss gradient with respect to θ, g = mean over the batch of r·x with r = θᵀx − y − ε.
/// Every layer gradient follows from g: ∇_W = a gᵀ, ∇_a = W g (docs/gram-engine.md).
/// </summary>
public static class Gradient
{
    /// <summary>Sampled row of batch slot <paramref name="slot"/> at step <paramref name="step"/>.</summary>
    public static int SampleRow(ulong seed, long step, int slot, int n) =>
        new RngKey(seed, Purpose.SampleIndex).Index(step, slot, n);

    /// <summary>g for the optimiser's oracle at step <paramref name="step"/>, given θ.</summary>
    public static double[] At(Optimiser optimiser, SyntheticProblem problem, ReadOnlySpan<double> theta, ulong seed, long step) =>
        At(optimiser.Oracle, problem, theta, seed, step);

    /// <summary>g for the oracle's rows and noise at step <paramref name="step"/>, given θ.</summary>
    public static double[] At(GradientOracle oracle, SyntheticProblem problem, ReadOnlySpan<double> theta, ulong seed, long step)
    {
        var g = new double[problem.D];
        Into(g, oracle, problem, theta, seed, step);
        return g;
    }

    /// <summary>Writes g into <paramref name="g"/> (length d), overwriting it.</summary>
    public static void Into(Span<double> g, GradientOracle oracle, SyntheticProblem problem, ReadOnlySpan<double> theta, ulong seed, long step)
    {
        g.Clear();
        switch (oracle)
        {
            case GradientOracle.Sample { Batch: 1 } sgd:
            {
                // The paper's batch of one, without the batch loop: the same operations as below.
                OfSample(g, problem, theta, SampleRow(seed, step, 0, problem.N), sgd.Noise.Draw(seed, step, 0));
                break;
            }
            case GradientOracle.Sample sgd:
                for (var b = 0; b < sgd.Batch; b++)
                {
                    var i = SampleRow(seed, step, b, problem.N);
                    Accumulate(g, problem.Row(i), Residual(theta, problem.Row(i), problem.Y[i], sgd.Noise.Draw(seed, step, b)));
                }
                Scale(g, sgd.Batch);
                break;
            case GradientOracle.FullBatch gd:
                for (var i = 0; i < problem.N; i++)
                    Accumulate(g, problem.Row(i), Residual(theta, problem.Row(i), problem.Y[i], gd.Noise.Draw(seed, step, i)));
                Scale(g, problem.N);
                break;
            default:
                throw new InvalidOperationException($"no gradient rule for {oracle.GetType().Name}");
        }
    }

    /// <summary>
    /// g of a batch of one, row <paramref name="row"/> with label noise <paramref name="noise"/>, into the
    /// cleared <paramref name="g"/>: the batch-of-one case of <see cref="Into"/>, for engines that draw ahead.
    /// </summary>
    internal static void OfSample(Span<double> g, SyntheticProblem problem, ReadOnlySpan<double> theta, int row, double noise)
    {
        var x = problem.Row(row);
        Accumulate(g, x, Residual(theta, x, problem.Y[row], noise));
    }

    /// <summary>r = θᵀx − y − ε.</summary>
    public static double Residual(ReadOnlySpan<double> theta, ReadOnlySpan<double> x, double y, double noise) =>
        VectorKernels.Dot(theta, x) - y - noise;

    // g ← g + r·x element by element (SIMD and scalar give the same bytes: nothing is reduced).
    private static void Accumulate(Span<double> g, ReadOnlySpan<double> x, double r)
    {
        ref var gr = ref MemoryMarshal.GetReference(g);
        ref var xr = ref MemoryMarshal.GetReference(x);
        var rv = Vector256.Create(r);
        var j = 0;
        for (; j + 4 <= g.Length; j += 4)
            (Vector256.LoadUnsafe(ref gr, (nuint)j) + rv * Vector256.LoadUnsafe(ref xr, (nuint)j)).StoreUnsafe(ref gr, (nuint)j);
        for (; j < g.Length; j++) g[j] += r * x[j];
    }

    private static void Scale(Span<double> g, int count)
    {
        if (count == 1) return;
        for (var j = 0; j < g.Length; j++) g[j] /= count;
    }
}
