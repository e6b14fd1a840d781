using FsCheck.Xunit;
using Lnsgd.Core.Random;

namespace Lnsgd.Properties;

/// <summary>Philox four counters at a time (Vector256 lanes) gives exactly the scalar blocks, wrap-around of the counter included.</summary>
public class PhiloxLanesTests
{
    [Property(MaxTest = 300)]
    public bool Four_lanes_give_the_scalar_blocks(ulong first, ulong index, ulong key0, ulong key1, bool nearTheTop)
    {
        if (!PhiloxLanes.IsSupported) return true;   // the lanes are used only where AVX2 runs them
        if (nearTheTop) first = ulong.MaxValue - (first % 4);
        Span<Block> blocks = stackalloc Block[4];
        PhiloxLanes.Blocks(first, index, key0, key1, blocks);
        for (var l = 0; l < 4; l++)
            if (blocks[l] != Philox.Block(new Counter(unchecked(first + (ulong)l), index, 0, 0), key0, key1)) return false;
        return true;
    }

    [Property(MaxTest = 300)]
    public bool Two_keys_at_once_give_the_scalar_blocks(ulong first, ulong key0, ulong keyA, ulong keyB)
    {
        if (!PhiloxLanes.IsSupported) return true;
        Span<Block> a = stackalloc Block[4], b = stackalloc Block[4];
        PhiloxLanes.Blocks(first, key0, keyA, keyB, a, b);
        for (var l = 0; l < 4; l++)
        {
            var counter = new Counter(unchecked(first + (ulong)l), 0, 0, 0);
            if (a[l] != Philox.Block(counter, key0, keyA) || b[l] != Philox.Block(counter, key0, keyB)) return false;
        }
        return true;
    }
}
