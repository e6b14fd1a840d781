using System.Collections.Immutable;

namespace Lnsgd.Core.Sweeps;

/// <summary>
/// One config key of a sweep spec and the values it takes, as the user typed them (before the
/// schema parses them). A scalar in the spec is an axis with one value.
/// </summary>
public sealed record SweepAxis(string Key, ImmutableArray<string> Values)
{
    /// <summary>Whether this key varies: only then is it a grid axis (and left out of the cases).</summary>
    public bool IsGrid => Values.Length > 1;
}
