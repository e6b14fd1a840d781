namespace Lnsgd.Core.RealWorld;

/// <summary>
/// One trained model of an experiment: its legend label, whether it is the linearised model,
/// its label noise rate and SAM radius (0 = off), and the label of the linearised arm trained
/// with the same optimiser, noise and data (its "twin"), if the experiment has one.
/// </summary>
public sealed record RealArm(string Label, bool Linearised, double Noise, double Rho, string? Twin = null);
