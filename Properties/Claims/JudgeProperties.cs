using FsCheck;
using FsCheck.Xunit;
using Lnsgd.Core.Claims;
using Interval = Lnsgd.Core.Measures.Interval;

namespace Lnsgd.Properties.Claims;

/// <summary>The laws of <see cref="Judge"/>: a row that cannot fail never holds; equivalence gets harder with noise.</summary>
public class JudgeProperties
{
    private static Interval Around(double mean, double half) => new(mean, mean - half, mean + half, 5);

    [Property(MaxTest = 300)]
    public bool A_row_that_cannot_fail_is_info_and_a_row_that_holds_can_fail(NormalFloat mean, NormalFloat half, NormalFloat limit, bool below, NormalFloat low, NormalFloat width)
    {
        var range = (low.Get, low.Get + Math.Abs(width.Get));
        var i = Around(mean.Get, Math.Abs(half.Get));
        var row = below
            ? Judge.Below("x", "c", "s", i, limit.Get, "t", range)
            : Judge.Above("x", "c", "s", i, limit.Get, "t", range);
        var vacuous = below ? range.Item2 < limit.Get : range.Item1 >= limit.Get;
        return vacuous
            ? row.Verdict == ClaimVerdict.Info && !row.CanFail && row.Note.StartsWith("cannot fail", StringComparison.Ordinal)
            : row.CanFail && row.Verdict != ClaimVerdict.Info;
    }

    [Property(MaxTest = 300)]
    public bool Widening_the_interval_never_turns_an_equivalence_check_from_fails_to_holds(NormalFloat mean, PositiveInt half, PositiveInt extra)
    {
        var (narrow, wide) = (Around(mean.Get, half.Get / 1000.0), Around(mean.Get, (half.Get + extra.Get) / 1000.0));
        var a = Judge.Within("x", "c", "s", narrow, 1.0, 0.05);
        var b = Judge.Within("x", "c", "s", wide, 1.0, 0.05);
        return !(a.Verdict == ClaimVerdict.Fails && b.Verdict == ClaimVerdict.Holds);
    }

    [Property(MaxTest = 200)]
    public bool Intervals_of_non_negative_statistics_stay_non_negative_and_of_fractions_inside_zero_one(PositiveInt[] raw)
    {
        if (raw.Length == 0) return true;
        var values = raw.Select(r => (r.Get % 1000) / 1000.0).ToList();
        var nonNegative = Interval.OfNonNegative(values);
        var fraction = Interval.OfFraction(values);
        return nonNegative.Low >= 0 && nonNegative.Low <= nonNegative.Mean && fraction.Low >= 0 && fraction.High <= 1
            && Math.Abs(fraction.Mean - values.Average()) < 1e-12;
    }
}
