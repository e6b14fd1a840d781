using System.Collections.Immutable;
using Lnsgd.Core.Simulations;

namespace Lnsgd.Core.Sweeps;

/// <summary>
/// One run of a sweep: its fully resolved config and identity. <paramref name="Point"/> lists the
/// keys the spec set for this run (axes, case keys and the seed), for progress lines and labels.
/// </summary>
public sealed record SweepRun(RunConfig Config, string Hash, ImmutableArray<(string Key, string Value)> Point)
{
    /// <summary>The run's id and folder name: the first 16 hex digits of <see cref="Hash"/>.</summary>
    public string Id => RunIdentity.IdOf(Hash);

    /// <summary>The point as <c>key=value</c> words, e.g. <c>sigma=2 eta=0.001 seed=3</c>.</summary>
    public string Label => string.Join(' ', Point.Select(p => $"{p.Key}={p.Value}"));
}
