using Lnsgd.Core.Measures;

namespace Lnsgd.Shell.Verification;

/// <summary>How a row of the claim table is judged.</summary>
public enum ClaimVerdict
{
    /// <summary>The whole 95 % interval satisfies the threshold.</summary>
    Holds,
    /// <summary>Some of the interval violates it.</summary>
    Fails,
    /// <summary>Reported next to theory, not a pass/fail claim (orders, bounds with unknown constants).</summary>
    Info,
}

/// <summary>One row of <c>lnsgd verify</c>: a claim, its measured statistic over seeds, its threshold and verdict.</summary>
public sealed record ClaimResult(string Id, string Claim, string Statistic, Interval Measured, string Threshold, ClaimVerdict Verdict, string Note = "");
