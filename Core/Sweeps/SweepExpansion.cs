using System.Collections.Immutable;
using System.Globalization;
using Lnsgd.Core.Simulations;

namespace Lnsgd.Core.Sweeps;

/// <summary>
/// A sweep spec expanded into its runs. Pure and deterministic: the grid (the product of the
/// multi-value keys, the first key varying slowest) then each case in spec order, each point
/// repeated over the seeds; a run equal to an earlier one (same hash) is listed once.
/// </summary>
public static class SweepExpansion
{
    /// <summary>The most runs one spec may expand to; counted before any run is formed, so a tiny spec cannot exhaust memory.</summary>
    public const long MaxRuns = 1_000_000;

    /// <summary>The runs of <paramref name="spec"/>, or the one-line error of the first invalid key, value or run.</summary>
    public static Result<ImmutableArray<SweepRun>> Expand(SweepSpec spec)
    {
        RunConfig start;
        if (spec.Preset is null) start = new RunConfig();
        else if (Presets.Find(spec.Preset) is { } preset) start = preset.Config;
        else return Fail($"unknown preset '{spec.Preset}' (known: {string.Join(", ", Presets.All.Select(p => p.Name))})");

        if (spec.Axes.Concat(spec.Cases.SelectMany(c => c)).FirstOrDefault(a => a.Values.IsEmpty) is { } empty)
            return Fail($"'{empty.Key}' lists no values");
        var seedKeys = spec.Axes.Concat(spec.Cases.SelectMany(c => c)).Any(a => a.Key == "seed");
        if (seedKeys && spec.Seeds is SeedChoice.Listed)
            return Fail("the spec sets both 'seeds' and 'seed': give one of them");

        var fixedKeys = spec.Axes.Where(a => !a.IsGrid).ToImmutableArray();
        var gridKeys = spec.Axes.Where(a => a.IsGrid).ToImmutableArray();
        // Without cases the spec's own values are the one point; with cases and no list the cases are the points.
        // A group is a set of axes to multiply out and the keys that tell its runs apart.
        IEnumerable<(ImmutableArray<SweepAxis> Axes, ImmutableArray<string> Shown)> groups =
            gridKeys.Length > 0 || spec.Cases.IsEmpty ? [(spec.Axes, [.. gridKeys.Select(a => a.Key)])] : [];
        groups = groups.Concat(spec.Cases.Select(c => (fixedKeys.AddRange(c), c.Select(a => a.Key).ToImmutableArray())));

        var seedCount = spec.Seeds is SeedChoice.Listed l ? l.Seeds.Length : 1;
        var count = groups.Aggregate(0.0, (sum, g) => sum + g.Axes.Aggregate(1.0, (p, a) => p * a.Values.Length) * seedCount);
        if (count > MaxRuns)
            return Fail($"the spec expands to {count.ToString("G4", CultureInfo.InvariantCulture)} runs, more than the {MaxRuns} one sweep may hold; split it into several specs");
        var runs = ImmutableArray.CreateBuilder<SweepRun>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in groups)
            foreach (var point in Product(group.Axes))
                foreach (var seeded in WithSeeds(point, spec.Seeds))
                {
                    var config = start;
                    if (ConfigSchema.ExclusiveError(seeded) is { } exclusive) return Fail(exclusive);
                    foreach (var (key, value) in seeded)
                    {
                        var (next, error) = ConfigSchema.With(config, key, value);
                        if (error is not null) return Fail(error);
                        config = next!;
                    }
                    if (ConfigSchema.Validate(config) is { } invalid) return Fail($"run {Words(seeded)}: {invalid}");
                    var hash = RunIdentity.Hash(config);
                    if (seen.Add(hash)) runs.Add(new SweepRun(config, hash, Shown(group.Shown, config)));
                }
        return Result.Ok(runs.ToImmutable());
    }

    private static Result<ImmutableArray<SweepRun>> Fail(string message) => Result.Error<ImmutableArray<SweepRun>>(message);

    /// <summary>Every combination of the axes' values, the first axis varying slowest.</summary>
    public static IEnumerable<ImmutableArray<(string Key, string Value)>> Product(IReadOnlyList<SweepAxis> axes)
    {
        IEnumerable<ImmutableArray<(string, string)>> points = [[]];
        foreach (var axis in axes)
        {
            var current = axis;
            points = points.SelectMany(p => current.Values.Select(v => p.Add((current.Key, v))));
        }
        return points;
    }

    private static IEnumerable<ImmutableArray<(string Key, string Value)>> WithSeeds(ImmutableArray<(string Key, string Value)> point, SeedChoice seeds) =>
        seeds switch
        {
            SeedChoice.Listed listed => listed.Seeds.Select(s => point.Add(("seed", s.ToString(CultureInfo.InvariantCulture)))),
            _ => [point],
        };

    // The keys that tell the runs of a group apart, then the seed, as the schema prints them
    // (so "1e-3" and "0.001" label alike).
    private static ImmutableArray<(string Key, string Value)> Shown(ImmutableArray<string> keys, RunConfig config) =>
        [.. keys.Append("seed").Distinct().Select(k => (k, ConfigSchema.Find(k)!.Show(config)))];

    private static string Words(IEnumerable<(string Key, string Value)> point) => string.Join(", ", point.Select(p => $"{p.Key}={p.Value}"));
}
