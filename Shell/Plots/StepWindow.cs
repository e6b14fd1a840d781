namespace Lnsgd.Shell.Plots;

/// <summary>
/// A span of iterations [<paramref name="Start"/>, <paramref name="End"/>] to shade behind a
/// series, e.g. a window in which a periodic schedule has the label noise switched on.
/// </summary>
public sealed record StepWindow(long Start, long End);
