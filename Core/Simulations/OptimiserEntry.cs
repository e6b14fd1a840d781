using Lnsgd.Core.Training;

namespace Lnsgd.Core.Simulations;

/// <summary>
/// One value of the <c>optimizer</c> key: its spelling, its one-line meaning for help, and the
/// <see cref="Optimiser"/> it builds from a config and that config's label noise.
/// </summary>
public sealed record OptimiserEntry(string Name, string Meaning, Func<RunConfig, LabelNoise, Optimiser> Build);
