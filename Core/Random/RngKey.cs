namespace Lnsgd.Core.Random;

/// <summary>
/// A random key in the style of <c>jax.random</c>: a value, never a hidden generator. A draw is
/// a pure function of (seed, purpose, step, index): the Philox key is (seed, purpose) and the
/// counter is (step, index, 0, 0). See docs/RNG.md for the exact recipe in numpy.
/// </summary>
public readonly record struct RngKey(ulong Seed, Purpose Purpose)
{
    /// <summary>The Philox block for (step, index) under this key.</summary>
    public Block Block(long step, long index) =>
        Philox.Block(new Counter((ulong)step, (ulong)index, 0, 0), Seed, (ulong)Purpose);

    /// <summary>A uniform double in [0, 1): the top 53 bits of word 0 times 2⁻⁵³.</summary>
    public double Uniform(long step, long index) => Draws.Unit(Block(step, index).X0);

    /// <summary>A standard normal by Box–Muller on words 0 and 1 (cosine branch).</summary>
    public double Normal(long step, long index) => Draws.Normal(Block(step, index));

    /// <summary>+1 or −1 with probability ½ each: the top bit of word 0 (set ⇒ −1).</summary>
    public double Sign(long step, long index) => Draws.Sign(Block(step, index).X0);

    /// <summary>A uniform index in [0, n): the high word of the 128-bit product word0 · n.</summary>
    public int Index(long step, long index, int n) => Draws.Index(Block(step, index).X0, n);
}
