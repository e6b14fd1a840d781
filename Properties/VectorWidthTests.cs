using FsCheck.Xunit;
using Lnsgd.Core;
using Lnsgd.Core.Engines;
using Lnsgd.Core.Numerics;
using Lnsgd.Core.Nonlinear;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Training;
using Xunit;

namespace Lnsgd.Properties;

/// <summary>
/// The kernels give the same bytes at every vector width: each test forces 128, 256 and 512 bits
/// in turn (Vector512 and Vector128 run in software where the CPU lacks them, so every width runs
/// on any machine). The collection runs alone, so no other test sees a forced width mid-way.
/// </summary>
[Collection(nameof(VectorWidthTests))]
[CollectionDefinition(nameof(VectorWidthTests), DisableParallelization = true)]
public class VectorWidthTests
{
    private static readonly int[] Widths = [128, 256, 512];

    private static bool Same(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length) return false;
        for (var i = 0; i < x.Length; i++)
            if (BitConverter.DoubleToInt64Bits(x[i]) != BitConverter.DoubleToInt64Bits(y[i])) return false;
        return true;
    }

    /// <summary>Values spread over many binades, so a different summation order would round differently.</summary>
    private static double[] Spread(int length, int seed)
    {
        var random = new System.Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => (2 * random.NextDouble() - 1) * Math.ScaleB(1.0, random.Next(-30, 31)))];
    }

    [Property(MaxTest = 60)]
    public bool The_in_place_step_equals_the_pure_step_bit_for_bit_at_every_vector_width(byte rawD, byte rawM, int raw, ulong seed)
    {
        // d up to 40 reaches the fused kernel (d ≤ 23), the 32-column blocks of the 512-bit sweep and every tail.
        var (d, m) = (1 + rawD % 40, 1 + rawM % 24);
        var config = Generators.Config(raw, seed, steps: 12, Generators.AllOptimisers) with { D = d, M = m, Eta = 0.002 };
        if (config.Batch > config.N) config = config with { Batch = config.N };
        var spec = RunSpec.Resolve(config);
        var pure = new List<(double[] W, double[] A, double[] Theta)>();
        var state = Optimisers.Init(spec.Optimiser, spec.Initial);
        for (var t = 0L; t < config.Steps; t++)
        {
            state = Optimisers.Update(spec.Optimiser, spec.Problem, state, config.Seed);
            pure.Add((state.Net.W.ToArray(), state.Net.A.ToArray(), state.Net.Theta()));
        }
        foreach (var bits in Widths)
        {
            using var _ = VectorWidth.Force(bits);
            var kernel = new InPlaceNetwork(spec.Initial, spec.Optimiser.Descent.StateLength(spec.Initial.M, spec.Initial.D));
            for (var t = 0; t < config.Steps; t++)
            {
                var finite = kernel.Step(spec.Optimiser, spec.Problem, config.Seed, t);
                if (!finite) { if (pure[t].Theta.All(double.IsFinite)) return false; break; }
                if (!Same(kernel.W, pure[t].W) || !Same(kernel.A, pure[t].A) || !Same(kernel.Theta, pure[t].Theta))
                    throw new Exception($"width {bits}, d={d}, m={m}, {config.Optimizer}: step {t} differs from the pure step");
            }
        }
        return true;
    }

    [Property(MaxTest = 200)]
    public bool The_engine_dot_and_the_gemm_vector_helpers_give_the_same_bytes_at_every_width(byte length, int seed, double alpha)
    {
        if (!double.IsFinite(alpha)) alpha = 0.5;
        var (x, y) = (Spread(length % 70, seed), Spread(length % 70, seed ^ 0x5bd1e995));
        var reference = Kernels.Dot(x, y);
        var (gemmDot, axpy) = (new List<double>(), new List<double[]>());
        foreach (var bits in Widths)
        {
            using var _ = VectorWidth.Force(bits);
            if (BitConverter.DoubleToInt64Bits(VectorKernels.Dot(x, y)) != BitConverter.DoubleToInt64Bits(reference)) return false;
            gemmDot.Add(Gemm.Dot(x, y));
            var into = (double[])y.Clone();
            Gemm.Axpy(alpha, x, into);
            axpy.Add(into);
        }
        return gemmDot.All(v => BitConverter.DoubleToInt64Bits(v) == BitConverter.DoubleToInt64Bits(gemmDot[0]))
            && axpy.All(v => Same(v, axpy[0]));
    }

    /// <summary>
    /// The blocked product (sizes past the small-product cut-off, edges in both directions, more
    /// than one k block, every transposition, accumulate or not) gives the same bytes at every width.
    /// </summary>
    [Property(MaxTest = 25)]
    public bool The_blocked_matrix_product_gives_the_same_bytes_at_every_width(byte rawM, byte rawN, byte rawK, int seed, bool transA, bool transB, bool accumulate)
    {
        var (m, n, k) = (2 + rawM % 30, 1 + rawN % 40, 60 + rawK % 300);
        var a = Spread(m * k, seed);
        var b = Spread(k * n, seed + 1);
        var c0 = Spread(m * n, seed + 2);
        var results = new List<double[]>();
        foreach (var bits in Widths)
        {
            using var _ = VectorWidth.Force(bits);
            var c = (double[])c0.Clone();
            Gemm.Multiply(transA, transB, m, n, k, 0.75, a, b, c, accumulate, threads: 1);
            results.Add(c);
        }
        return results.All(r => Same(r, results[0]));
    }

    [Fact]
    public void Forcing_a_width_is_undone_when_its_scope_ends()
    {
        var before = VectorWidth.Bits;
        using (VectorWidth.Force(before == 128 ? 512 : 128)) Assert.NotEqual(before, VectorWidth.Bits);
        Assert.Equal(before, VectorWidth.Bits);
        Assert.Throws<ArgumentOutOfRangeException>(() => VectorWidth.Force(64));
    }
}
