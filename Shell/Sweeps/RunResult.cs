using Lnsgd.Core.Sweeps;

namespace Lnsgd.Shell.Sweeps;

/// <summary>What a sweep did with one run.</summary>
public abstract record RunResult(SweepRun Run)
{
    /// <summary>The folder already held the complete run: nothing was done.</summary>
    public sealed record Skipped(SweepRun Run) : RunResult(Run);

    /// <summary>
    /// The run was simulated and its folder written. <paramref name="Redone"/>: a half-written or
    /// failed folder was cleared first. <paramref name="Status"/>: finished or diverged.
    /// </summary>
    public sealed record Ran(SweepRun Run, bool Redone, string Status, TimeSpan Elapsed) : RunResult(Run);

    /// <summary>The run threw; <paramref name="Error"/> is also in its folder's error.txt.</summary>
    public sealed record Failed(SweepRun Run, string Error) : RunResult(Run);
}
