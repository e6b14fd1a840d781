using Lnsgd.Core.Measures;
using Lnsgd.Core.Simulations;

namespace Lnsgd.Core.Sweeps;

/// <summary>
/// A finished run as read back from its folder: the resolved config, how it ended
/// (<c>finished</c> or <c>diverged</c>), the steps it completed, its trajectory hash and rows.
/// </summary>
public sealed record CollectedRun(RunConfig Config, string Status, long StepsCompleted, string TrajectorySha256, IReadOnlyList<MetricRow> Rows);
