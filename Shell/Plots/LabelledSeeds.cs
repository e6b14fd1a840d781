using System.Collections.Immutable;
using Lnsgd.Core.Simulations;

namespace Lnsgd.Shell.Plots;

/// <summary>
/// The runs of one setting over several seeds under the name a legend shows. One seed is drawn
/// as its line; several as their mean with a shaded 95 % band (Core.Measures.SeedBand).
/// </summary>
public sealed record LabelledSeeds(string Label, ImmutableArray<Trajectory> Seeds)
{
    /// <summary>One run as a one-seed set.</summary>
    public static LabelledSeeds Of(LabelledRun run) => new(run.Label, [run.Trajectory]);
}

/// <summary>A horizontal reference level drawn as a grey dotted line with its own legend entry (e.g. chance, √η).</summary>
public sealed record Reference(string Label, double Value);
