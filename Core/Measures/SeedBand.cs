using System.Collections.Immutable;

namespace Lnsgd.Core.Measures;

/// <summary>One step of a seed band: the mean over the seeds that recorded the step and its 95 % interval.</summary>
public sealed record BandPoint(long Step, double Mean, double Low, double High, int Count);

/// <summary>
/// Seed-mean curves with 95 % Student-t bands (<see cref="Interval"/>), step by step. Seeds of one
/// config record the same steps; a diverged seed stops early, so each step averages the seeds
/// that reached it (<see cref="BandPoint.Count"/> says how many). On a log axis the band is taken
/// over log10 of the values (a geometric mean), since the quantities there span decades and a
/// linear-scale interval would reach below zero.
/// </summary>
public static class SeedBand
{
    /// <summary>
    /// The band of <paramref name="seeds"/> (each a sequence of (step, value)), over the finite
    /// values (and, with <paramref name="log10"/>, the positive ones, returned as log10).
    /// </summary>
    public static ImmutableArray<BandPoint> Of(IReadOnlyList<IEnumerable<(long Step, double Value)>> seeds, bool log10 = false)
    {
        var byStep = new SortedDictionary<long, List<double>>();
        foreach (var seed in seeds)
            foreach (var (step, value) in seed)
            {
                var v = log10 ? (value > 0 ? Math.Log10(value) : double.NaN) : value;
                if (!double.IsFinite(v)) continue;
                if (!byStep.TryGetValue(step, out var list)) byStep[step] = list = [];
                list.Add(v);
            }
        return [.. byStep.Select(kv =>
        {
            var i = Interval.Of(kv.Value);
            return new BandPoint(kv.Key, i.Mean, i.Low, i.High, i.Count);
        })];
    }
}
