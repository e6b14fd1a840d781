using FsCheck.Xunit;
using Lnsgd.Core.Random;
using Xunit;

namespace Lnsgd.Properties;

/// <summary>The counter-based RNG: known answers, ranges, and keyed independence.</summary>
public class RandomTests
{
    [Theory]
    [InlineData(0UL, 0UL, 0UL, 0UL, 0UL, 0UL, "16554d9eca36314c db20fe9d672d0fdc d7e772cee186176b 7e68b68aec7ba23b")]
    [InlineData(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue,
        "87b092c3013fe90b 438c3c67be8d0224 9cc7d7c69cd777b6 a09caebf594f0ba0")]
    [InlineData(0x243f6a8885a308d3UL, 0x13198a2e03707344UL, 0xa4093822299f31d0UL, 0x082efa98ec4e6c89UL,
        0x452821e638d01377UL, 0xbe5466cf34e90c6cUL, "a528f45403e61d95 38c72dbd566e9788 a5a1610e72fd18b5 57bd43b5e52b7fe6")]
    public void Philox4x64_10_matches_the_known_answer_vectors(ulong c0, ulong c1, ulong c2, ulong c3, ulong k0, ulong k1, string expected)
    {
        var b = Philox.Block(new Counter(c0, c1, c2, c3), k0, k1);
        Assert.Equal(expected, $"{b.X0:x16} {b.X1:x16} {b.X2:x16} {b.X3:x16}");
    }

    // Values computed by the numpy recipe of docs/RNG.md: the draws are regenerable in Python.
    [Fact]
    public void Draws_match_the_numpy_recipe()
    {
        Assert.Equal(-0.316447626947279, new RngKey(0, Purpose.InitW).Normal(0, 0));
        Assert.Equal(0.33536722220077, new RngKey(3, Purpose.SampleIndex).Uniform(5, 1));
        Assert.Equal(67, new RngKey(3, Purpose.SampleIndex).Index(5, 1, 200));
        Assert.Equal(1.0, new RngKey(3, Purpose.LabelNoise).Sign(5, 0));
        Assert.Equal(-2.114859416098985, new RngKey(3, Purpose.TrainInputs).Normal(2, 3));
    }

    [Property]
    public bool Uniform_is_in_the_unit_interval_and_index_in_range(ulong seed, long step, long index, int rawN)
    {
        var key = new RngKey(seed, Purpose.SampleIndex);
        var n = 1 + (int)((uint)rawN % 1_000_000);
        var u = key.Uniform(step, index);
        var i = key.Index(step, index, n);
        var s = key.Sign(step, index);
        return u >= 0 && u < 1 && i >= 0 && i < n && (s == 1.0 || s == -1.0) && double.IsFinite(key.Normal(step, index));
    }

    [Property]
    public bool A_draw_is_a_pure_function_of_seed_purpose_step_and_index(ulong seed, long step, long index) =>
        new RngKey(seed, Purpose.LabelNoise).Normal(step, index) == new RngKey(seed, Purpose.LabelNoise).Normal(step, index);

    [Property]
    public bool Different_seeds_purposes_or_counters_give_different_blocks(ulong seed, long step, long index) =>
        new RngKey(seed, Purpose.LabelNoise).Block(step, index) != new RngKey(seed + 1, Purpose.LabelNoise).Block(step, index)
        && new RngKey(seed, Purpose.LabelNoise).Block(step, index) != new RngKey(seed, Purpose.SampleIndex).Block(step, index)
        && new RngKey(seed, Purpose.LabelNoise).Block(step, index) != new RngKey(seed, Purpose.LabelNoise).Block(step + 1, index);
}
