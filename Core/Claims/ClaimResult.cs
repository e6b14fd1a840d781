using Lnsgd.Core.Measures;

namespace Lnsgd.Core.Claims;

/// <summary>
/// One row of the claim table: the claim, the statistic measured over seeds, its threshold and
/// verdict. <see cref="CanFail"/> says whether some value of the statistic would violate the
/// threshold at this setting: a row that cannot fail is never reported as holding (see
/// <see cref="Judge"/>). By default a judged row can fail and an info row cannot.
/// </summary>
public sealed record ClaimResult(string Id, string Claim, string Statistic, Interval Measured, string Threshold, ClaimVerdict Verdict, string Note = "")
{
    /// <summary>Whether the row's threshold could be violated by a value of its statistic.</summary>
    public bool CanFail { get; init; } = Verdict != ClaimVerdict.Info;

    /// <summary>The JSON / Markdown spelling of the verdict.</summary>
    public string VerdictWord => Verdict switch { ClaimVerdict.Holds => "holds", ClaimVerdict.Fails => "fails", _ => "info" };
}
