using System.Collections.Immutable;

namespace Lnsgd.Shell.Plots;

/// <summary>
/// A curve the theory predicts for one metric column, drawn as a dashed black line under its
/// <paramref name="Label"/> (by default "prediction") on every panel that plots
/// <paramref name="Column"/>: the one input through which figures take theory overlays.
/// </summary>
public sealed record TheoryCurve(string Column, ImmutableArray<double> Steps, ImmutableArray<double> Values, string Label = "prediction");
