using System.Collections.Immutable;

namespace Lnsgd.Core.Sweeps;

/// <summary>
/// A parsed sweep spec: a <c>run</c> config in which any key may list several values (a grid
/// axis), plus hand-picked cases and a seed choice. Values are text, exactly as
/// <see cref="Simulations.ConfigKey.Apply"/> takes them, so every value is checked by the one schema.
/// </summary>
/// <param name="Preset">The preset the runs start from (null: the built-in defaults).</param>
/// <param name="Axes">Top-level keys in spec order; one-value keys apply to every run, the others span the grid.</param>
/// <param name="Cases">The <c>[[cases]]</c> list: each case is the preset plus the one-value keys plus its own keys (its own lists span a small grid of their own).</param>
/// <param name="Seeds">The seeds every point is repeated over.</param>
public sealed record SweepSpec(string? Preset, ImmutableArray<SweepAxis> Axes, ImmutableArray<ImmutableArray<SweepAxis>> Cases, SeedChoice Seeds);
