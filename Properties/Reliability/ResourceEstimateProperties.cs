using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lnsgd.Core.Simulations;

namespace Lnsgd.Properties.Reliability;

/// <summary>
/// Laws of the up-front <see cref="ResourceEstimate"/>: more of anything never needs less, the
/// arithmetic saturates instead of wrapping (a config of 10⁹ snapshots must read as huge, never
/// as negative), and a refusal names the estimate and the limit it broke.
/// </summary>
public class ResourceEstimateProperties
{
    private static Gen<RunConfig> Configs =>
        from n in Gen.Choose(1, int.MaxValue)
        from nTest in Gen.Choose(1, int.MaxValue)
        from m in Gen.Choose(1, int.MaxValue)
        from d in Gen.Choose(1, int.MaxValue)
        from steps in Gen.Choose(1, int.MaxValue)
        from every in Gen.Choose(1, int.MaxValue)
        from snapshots in Gen.Choose(2, int.MaxValue)
        select new RunConfig { N = n, NTest = nTest, M = m, D = d, Steps = (long)steps * 1000, RecordEvery = every, Snapshots = snapshots };

    [Property(MaxTest = 300)]
    public Property Growing_any_size_never_lowers_the_estimate_and_nothing_wraps() =>
        Prop.ForAll(Configs.ToArbitrary(), Gen.Choose(0, 6).ToArbitrary(), (c, which) =>
        {
            var bigger = which switch
            {
                0 => c with { N = c.N == int.MaxValue ? c.N : c.N + 1 },
                1 => c with { NTest = c.NTest == int.MaxValue ? c.NTest : c.NTest + 1 },
                2 => c with { M = c.M == int.MaxValue ? c.M : c.M + 1 },
                3 => c with { D = c.D == int.MaxValue ? c.D : c.D + 1 },
                4 => c with { Steps = c.Steps * 2 },
                5 => c with { RecordEvery = Math.Max(1, c.RecordEvery / 2) },
                _ => c with { Snapshots = c.Snapshots == int.MaxValue ? c.Snapshots : c.Snapshots + 1 },
            };
            var (a, b) = (ResourceEstimate.Of(c), ResourceEstimate.Of(bigger));
            return a.MemoryBytes > 0 && a.OutputBytes > 0 && b.MemoryBytes >= a.MemoryBytes && b.OutputBytes >= a.OutputBytes;
        });

    [Property(MaxTest = 200)]
    public Property A_refusal_names_the_estimate_and_the_limit_it_broke() =>
        Prop.ForAll(Configs.ToArbitrary(), Gen.Choose(1, int.MaxValue).ToArbitrary(), (c, limit) =>
        {
            var e = ResourceEstimate.Of(c, checkpointed: false, plots: false);
            var refusal = ResourceEstimate.Refusal(e, limit, limit, "--max-output");
            var expected = e.MemoryBytes > limit || e.OutputBytes > limit;
            return (refusal is not null) == expected
                && (refusal is null || (refusal.Contains(ResourceEstimate.Size(limit)) && (refusal.Contains(ResourceEstimate.Size(e.MemoryBytes)) || refusal.Contains(ResourceEstimate.Size(e.OutputBytes)))));
        });
}
