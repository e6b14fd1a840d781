using Lnsgd.Core.Measures;

namespace Lnsgd.Core.Claims;

/// <summary>
/// How a measured interval is judged against a threshold. Every judgement first asks whether
/// the threshold can fail at all over the statistic's range (a probability lies in [0, 1], a
/// ratio of norms is ≥ 0): when no value in the range violates it, the row is
/// <see cref="ClaimVerdict.Info"/> with the reason, never "holds".
/// </summary>
public static class Judge
{
    /// <summary>The claim "statistic &lt; limit": holds when the whole interval is below it.</summary>
    public static ClaimResult Below(string id, string claim, string statistic, Interval measured, double limit, string threshold,
        (double Low, double High) range, string note = "") =>
        range.High < limit
            ? Vacuous(id, claim, statistic, measured, threshold, $"cannot fail: the statistic is at most {range.High:G3} < {limit:G3}", note)
            : new(id, claim, statistic, measured, threshold, measured.High < limit ? ClaimVerdict.Holds : ClaimVerdict.Fails, note);

    /// <summary>The claim "statistic ≥ limit": holds when the whole interval is at or above it.</summary>
    public static ClaimResult Above(string id, string claim, string statistic, Interval measured, double limit, string threshold,
        (double Low, double High) range, string note = "") =>
        range.Low >= limit
            ? Vacuous(id, claim, statistic, measured, threshold, $"cannot fail: the statistic is at least {range.Low:G3} ≥ {limit:G3}", note)
            : new(id, claim, statistic, measured, threshold, measured.Low >= limit ? ClaimVerdict.Holds : ClaimVerdict.Fails, note);

    /// <summary>
    /// An equivalence check: holds when the whole interval lies within [target − margin, target + margin].
    /// Unlike "the interval contains the target", a noisier estimate makes it harder to pass, not easier.
    /// </summary>
    public static ClaimResult Within(string id, string claim, string statistic, Interval measured, double target, double margin, string note = "") =>
        new(id, claim, statistic, measured, $"within [{target - margin:G3}, {target + margin:G3}]",
            measured.Low >= target - margin && measured.High <= target + margin ? ClaimVerdict.Holds : ClaimVerdict.Fails, note);

    /// <summary>A claim about every seed (a count, not a mean): holds when <paramref name="all"/> is true.</summary>
    public static ClaimResult Every(string id, string claim, string statistic, Interval measured, bool all, string threshold, string note = "") =>
        new(id, claim, statistic, measured, threshold, all ? ClaimVerdict.Holds : ClaimVerdict.Fails, note);

    /// <summary>An informational row: theory that states an order, a sufficient condition or a description.</summary>
    public static ClaimResult Info(string id, string claim, string statistic, Interval measured, string threshold, string note) =>
        new(id, claim, statistic, measured, threshold, ClaimVerdict.Info, note);

    private static ClaimResult Vacuous(string id, string claim, string statistic, Interval measured, string threshold, string reason, string note) =>
        new(id, claim, statistic, measured, threshold, ClaimVerdict.Info, note.Length == 0 ? reason : $"{reason}; {note}") { CanFail = false };
}
