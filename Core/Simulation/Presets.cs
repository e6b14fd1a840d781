using System.Collections.Immutable;

namespace Lnsgd.Core.Simulation;

/// <summary>A named starting config with the reason it exists.</summary>
public sealed record Preset(string Name, string Description, RunConfig Config);

/// <summary>The named configs of the paper's experiments (PAPER.md §4).</summary>
public static class Presets
{
    /// <summary>Every preset, in the order <c>lnsgd presets</c> lists them.</summary>
    public static ImmutableArray<Preset> All { get; } =
    [
        new("fig2", "Fig. 2: label noise SGD, n=200, d=20, m=1000, eta=0.001, sigma=4, batch 1", new RunConfig()),
        new("fig2-clean", "Fig. 2 without label noise (sigma=0): plain SGD stays lazy", new RunConfig { Sigma = 0.0 }),
    ];

    /// <summary>The preset named <paramref name="name"/>, or null.</summary>
    public static Preset? Find(string name) => All.FirstOrDefault(p => p.Name == name);
}
