using Lnsgd.Core.Simulations;

namespace Lnsgd.Shell.Plots;

/// <summary>A trajectory with the name a legend shows for it, e.g. "label noise" or "clean".</summary>
public sealed record LabelledRun(string Label, Trajectory Trajectory);
