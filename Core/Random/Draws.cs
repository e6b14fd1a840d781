namespace Lnsgd.Core.Random;

/// <summary>
/// How raw Philox words become numbers. Each recipe is a few lines of numpy (docs/RNG.md);
/// they use only IEEE-exact operations except <c>log</c>, <c>cos</c> and <c>sqrt</c> in Box–Muller.
/// </summary>
public static class Draws
{
    private const double TwoPowMinus53 = 1.0 / (1UL << 53);

    /// <summary>(word &gt;&gt; 11) · 2⁻⁵³, a double in [0, 1).</summary>
    public static double Unit(ulong word) => (word >> 11) * TwoPowMinus53;

    /// <summary>((word &gt;&gt; 11) + 1) · 2⁻⁵³, a double in (0, 1]: safe under log.</summary>
    public static double OpenUnit(ulong word) => ((word >> 11) + 1) * TwoPowMinus53;

    /// <summary>Box–Muller, cosine branch: √(−2 ln u₁) cos(2π u₂), u₁ from word 0 in (0,1], u₂ from word 1.</summary>
    public static double Normal(Block b) =>
        Math.Sqrt(-2.0 * Math.Log(OpenUnit(b.X0))) * Math.Cos(2.0 * Math.PI * Unit(b.X1));

    /// <summary>−1 when the top bit of the word is set, +1 otherwise.</summary>
    public static double Sign(ulong word) => (word >> 63) == 0 ? 1.0 : -1.0;

    /// <summary>⌊word · n / 2⁶⁴⌋, uniform on [0, n) up to a bias below n/2⁶⁴.</summary>
    public static int Index(ulong word, int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be positive");
        return (int)Math.BigMul(word, (ulong)n, out _);
    }
}
