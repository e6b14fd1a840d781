namespace Lnsgd.Core.Random;

/// <summary>
/// The Philox4x64-10 block function (Salmon et al., "Parallel random numbers: as easy as
/// 1, 2, 3", SC'11): a bijection of a 256-bit counter under a 128-bit key. It is the
/// generator behind numpy's <c>Philox</c>, so every draw of this project can be regenerated
/// in Python (see docs/RNG.md).
/// </summary>
public static class Philox
{
    private const ulong M0 = 0xD2E7470EE14C6C93UL;
    private const ulong M1 = 0xCA5A826395121157UL;
    private const ulong W0 = 0x9E3779B97F4A7C15UL; // golden ratio
    private const ulong W1 = 0xBB67AE8584CAA73BUL; // sqrt(3) - 1

    /// <summary>The four 64-bit output words for <paramref name="counter"/> under the key (key0, key1).</summary>
    public static Block Block(Counter counter, ulong key0, ulong key1)
    {
        ulong c0 = counter.C0, c1 = counter.C1, c2 = counter.C2, c3 = counter.C3;
        ulong k0 = key0, k1 = key1;
        for (var round = 0; round < 10; round++)
        {
            if (round > 0) { k0 += W0; k1 += W1; }
            var hi0 = Math.BigMul(M0, c0, out var lo0);
            var hi1 = Math.BigMul(M1, c2, out var lo1);
            (c0, c1, c2, c3) = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0);
        }
        return new Block(c0, c1, c2, c3);
    }
}

/// <summary>A 256-bit Philox counter, four 64-bit words.</summary>
public readonly record struct Counter(ulong C0, ulong C1, ulong C2, ulong C3);

/// <summary>Four 64-bit words of Philox output.</summary>
public readonly record struct Block(ulong X0, ulong X1, ulong X2, ulong X3);
