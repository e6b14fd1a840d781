using Lnsgd.Core.Numerics;
using FsCheck.Xunit;
using Lnsgd.Core;
using Lnsgd.Core.Engines;

namespace Lnsgd.Properties;

/// <summary>The SIMD kernels of the record path give exactly the bytes of their plain specifications.</summary>
public class KernelTests
{
    /// <summary>Values spread over many binades, so a different summation order would round differently.</summary>
    private static double[] Spread(int length, int seed)
    {
        var random = new System.Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => (2 * random.NextDouble() - 1) * Math.ScaleB(1.0, random.Next(-40, 41)))];
    }

    [Property(MaxTest = 300)]
    public bool The_vector_dot_equals_the_scalar_dot_bit_for_bit(byte length, int seed)
    {
        var (x, y) = (Spread(length % 70, seed), Spread(length % 70, seed ^ 0x5bd1e995));
        return BitConverter.DoubleToInt64Bits(VectorKernels.Dot(x, y)) == BitConverter.DoubleToInt64Bits(Kernels.Dot(x, y))
            && BitConverter.DoubleToInt64Bits(VectorKernels.Dot(x, x)) == BitConverter.DoubleToInt64Bits(Kernels.SquaredNorm(x));
    }

    /// <summary>
    /// Expand(K) is Z₀ + U(K − K₀) with every entry's r products summed in index order, then Z₀
    /// added: here by a plain triple loop, over widths d from 1 to 40 (so every SIMD branch runs).
    /// </summary>
    [Property(MaxTest = 60)]
    public bool The_gram_expansion_equals_the_index_order_product_bit_for_bit(byte rawD, byte rawExtra, int seed)
    {
        var d = 1 + rawD % 40;
        var m = d + 2 + rawExtra % 20;
        var start = Lnsgd.Core.Networks.Network.Own(m, d, Generators.Vector(m * d, seed), Generators.Vector(m, seed + 1, 0.1));
        var factor = GramFactor.Of(start);
        var k0 = factor.Virtual;
        var r = k0.M;
        var (dw, da) = (Spread(r * d, seed + 2), Spread(r, seed + 3));
        var k = Lnsgd.Core.Networks.Network.Own(r, d, [.. k0.W.Select((v, i) => v + dw[i])], [.. k0.A.Select((v, i) => v + da[i])]);
        var expanded = factor.Expand(k);
        var u = factor.Basis;
        for (var i = 0; i < m; i++)
            for (var j = 0; j <= d; j++)
            {
                var sum = 0.0;
                for (var v = 0; v < r; v++)
                    sum += u[i * r + v] * (j < d ? k.W[v * d + j] - k0.W[v * d + j] : k.A[v] - k0.A[v]);
                var expected = j < d ? start.W[i * d + j] + sum : start.A[i] + sum;
                var actual = j < d ? expanded.W[i * d + j] : expanded.A[i];
                if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual))
                    throw new Exception($"d={d} m={m} entry ({i},{j}): expected {expected:R}, got {actual:R}");
            }
        // At step 0 the expansion is the start network itself, to the bit.
        return factor.Expand(k0).W.SequenceEqual(start.W) && factor.Expand(k0).A.SequenceEqual(start.A);
    }
}
