using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Lnsgd.Core.Networks;

/// <summary>
/// G = ZᵀZ for Z = [W a] (m × (d+1)), in one streaming pass over the neurons and (d+1)² memory:
/// the Gram matrix behind both the curvature at initialisation (C = WᵀW + ‖a‖²I is its
/// top-left block plus G_dd·I) and the gram engine's factor (docs/gram-engine.md).
/// </summary>
internal static class GramMatrix
{
    // A run reads the initial network's G twice (the curvature behind StableEta, then the gram
    // factor), each a pass over m·(d+1) values. Networks are immutable, so G is a function of the
    // instance: wide ones keep theirs here (weakly, dropped with the network), and callers get a copy.
    private static readonly ConditionalWeakTable<Network, double[]> Kept = new();
    private const int KeepFrom = 100_000;

    /// <summary>
    /// G row-major ((d+1) × (d+1), symmetric), a fresh array the caller owns. Entry (j, k), j ≤ k, is Σ_i z_ij·z_ik summed in
    /// neuron order from 0.0 with no fused multiply-add, so it has the bytes of the plain scalar
    /// loop; SIMD runs across k only. The lower triangle is copied from the upper.
    /// </summary>
    public static double[] Of(Network net) =>
        net.M < KeepFrom ? Sum(net) : (double[])Kept.GetValue(net, Sum).Clone();

    private static double[] Sum(Network net)
    {
        var (m, d) = (net.M, net.D);
        var c = d + 1;
        var stride = (c + 3) & ~3;               // rows padded to whole vectors
        var acc = new double[c * stride];
        // Four neurons at a time, each padded to `stride` values (the pad stays 0): every
        // accumulator vector takes its four products in neuron order, one load and store per block.
        const int block = 4;
        var z = new double[block * stride];
        var w = net.W.AsSpan();
        var a = net.A.AsSpan();
        ref var zr = ref MemoryMarshal.GetArrayDataReference(z);
        ref var ar = ref MemoryMarshal.GetArrayDataReference(acc);
        for (var i0 = 0; i0 < m; i0 += block)
        {
            var count = Math.Min(block, m - i0);
            for (var b = 0; b < count; b++)
            {
                w.Slice((i0 + b) * d, d).CopyTo(z.AsSpan(b * stride, d));
                z[b * stride + d] = a[i0 + b];
            }
            for (var j = 0; j < c; j++)
            {
                // Row j from the vector holding column j onwards: entries left of j are summed too and ignored.
                for (var k = j & ~3; k < stride; k += 4)
                {
                    var s = Vector256.LoadUnsafe(ref ar, (nuint)(j * stride + k));
                    for (var b = 0; b < count; b++)
                        s += Vector256.Create(z[b * stride + j]) * Vector256.LoadUnsafe(ref zr, (nuint)(b * stride + k));
                    s.StoreUnsafe(ref ar, (nuint)(j * stride + k));
                }
            }
        }
        var g = new double[c * c];
        for (var j = 0; j < c; j++)
            for (var k = j; k < c; k++) g[j * c + k] = g[k * c + j] = acc[j * stride + k];
        return g;
    }
}
