using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Lnsgd.Core.Random;

/// <summary>
/// <see cref="Philox.Block"/> for four counters at once, one per 64-bit lane of a Vector256 (AVX2):
/// the blocks of counters (c, index, 0, 0), (c+1, index, 0, 0), … under one key, bit for bit the
/// scalar blocks (a property test holds it to that). AVX2 has no 64×64→128-bit multiply, so each
/// product is formed from four 32×32→64-bit ones; four independent blocks per instruction still
/// beat one scalar block at a time, whose multiplies wait on each other.
/// </summary>
internal static class PhiloxLanes
{
    private const ulong M0 = 0xD2E7470EE14C6C93UL;
    private const ulong M1 = 0xCA5A826395121157UL;
    private const ulong W0 = 0x9E3779B97F4A7C15UL;
    private const ulong W1 = 0xBB67AE8584CAA73BUL;

    /// <summary>Whether the CPU runs the lanes (AVX2).</summary>
    public static bool IsSupported => Avx2.IsSupported;

    /// <summary>The blocks of counters (first + l, index, 0, 0) for l = 0 … 3 under (key0, key1), into <paramref name="blocks"/>.</summary>
    public static void Blocks(ulong first, ulong index, ulong key0, ulong key1, Span<Block> blocks)
    {
        var c0 = Vector256.Create(first) + Vector256.Create(0UL, 1UL, 2UL, 3UL);
        var c1 = Vector256.Create(index);
        var c2 = Vector256<ulong>.Zero;
        var c3 = Vector256<ulong>.Zero;
        var (k0, k1) = (key0, key1);
        for (var round = 0; round < 10; round++)
        {
            if (round > 0) { k0 += W0; k1 += W1; }
            var (hi0, lo0) = Wide(M0, c0);
            var (hi1, lo1) = Wide(M1, c2);
            (c0, c1, c2, c3) = (hi1 ^ c1 ^ Vector256.Create(k0), lo1, hi0 ^ c3 ^ Vector256.Create(k1), lo0);
        }
        for (var l = 0; l < 4; l++)
            blocks[l] = new Block(c0.GetElement(l), c1.GetElement(l), c2.GetElement(l), c3.GetElement(l));
    }

    /// <summary>
    /// The blocks of counters (first + l, 0, 0, 0) for l = 0 … 3 under two keys (key0, keyA) and (key0, keyB) at once, into
    /// <paramref name="a"/> and <paramref name="b"/>: two independent chains in flight hide each other's latency.
    /// </summary>
    public static void Blocks(ulong first, ulong key0, ulong keyA, ulong keyB, Span<Block> a, Span<Block> b)
    {
        var c0 = Vector256.Create(first) + Vector256.Create(0UL, 1UL, 2UL, 3UL);
        var (a0, a1, a2, a3) = (c0, Vector256<ulong>.Zero, Vector256<ulong>.Zero, Vector256<ulong>.Zero);
        var (b0, b1, b2, b3) = (c0, Vector256<ulong>.Zero, Vector256<ulong>.Zero, Vector256<ulong>.Zero);
        var (k0, ka, kb) = (key0, keyA, keyB);
        for (var round = 0; round < 10; round++)
        {
            if (round > 0) { k0 += W0; ka += W1; kb += W1; }
            var k0v = Vector256.Create(k0);
            var (ah0, al0) = Wide(M0, a0);
            var (bh0, bl0) = Wide(M0, b0);
            var (ah1, al1) = Wide(M1, a2);
            var (bh1, bl1) = Wide(M1, b2);
            (a0, a1, a2, a3) = (ah1 ^ a1 ^ k0v, al1, ah0 ^ a3 ^ Vector256.Create(ka), al0);
            (b0, b1, b2, b3) = (bh1 ^ b1 ^ k0v, bl1, bh0 ^ b3 ^ Vector256.Create(kb), bl0);
        }
        for (var l = 0; l < 4; l++)
        {
            a[l] = new Block(a0.GetElement(l), a1.GetElement(l), a2.GetElement(l), a3.GetElement(l));
            b[l] = new Block(b0.GetElement(l), b1.GetElement(l), b2.GetElement(l), b3.GetElement(l));
        }
    }

    // The 128-bit products m·c per lane as (high, low) words, from the 32-bit halves:
    // m·c = hh·2⁶⁴ + (lh + hl)·2³² + ll, with the middle column's carry moved into the high word.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<ulong> High, Vector256<ulong> Low) Wide(ulong m, Vector256<ulong> c)
    {
        var mask = Vector256.Create(0xFFFFFFFFUL);
        var mLow = Vector256.Create(m & 0xFFFFFFFFUL).AsUInt32();
        var mHigh = Vector256.Create(m >> 32).AsUInt32();
        var cHigh = Avx2.ShiftRightLogical(c, 32).AsUInt32();
        var ll = Avx2.Multiply(mLow, c.AsUInt32());
        var lh = Avx2.Multiply(mLow, cHigh);
        var hl = Avx2.Multiply(mHigh, c.AsUInt32());
        var hh = Avx2.Multiply(mHigh, cHigh);
        var mid = Avx2.ShiftRightLogical(ll, 32) + (lh & mask) + (hl & mask);
        var high = hh + Avx2.ShiftRightLogical(lh, 32) + Avx2.ShiftRightLogical(hl, 32) + Avx2.ShiftRightLogical(mid, 32);
        var low = Avx2.ShiftLeftLogical(mid, 32) | (ll & mask);
        return (high, low);
    }
}
