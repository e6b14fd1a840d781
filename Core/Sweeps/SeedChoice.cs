using System.Collections.Immutable;

namespace Lnsgd.Core.Sweeps;

/// <summary>Which seeds every point of a sweep is repeated over.</summary>
public abstract record SeedChoice
{
    private SeedChoice() { }

    /// <summary>No <c>seeds</c> key: each point keeps the seed its config says (default 0; <c>seed</c> may be an axis).</summary>
    public sealed record FromConfig : SeedChoice;

    /// <summary><c>seeds = N</c> (seeds 0…N−1) or <c>seeds = [a, b, …]</c>: every point once per seed.</summary>
    public sealed record Listed(ImmutableArray<ulong> Seeds) : SeedChoice;

    /// <summary><c>seeds = N</c>: seeds 0 … N − 1.</summary>
    public static SeedChoice Count(int count) => new Listed([.. Enumerable.Range(0, count).Select(s => (ulong)s)]);
}
