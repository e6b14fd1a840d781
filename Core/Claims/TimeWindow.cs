using Lnsgd.Core.Measures;

namespace Lnsgd.Core.Claims;

/// <summary>
/// Stationary quantities (a loss that fluctuates around its level under label noise) are
/// reported as the mean over a stated window of records, not one final snapshot.
/// </summary>
public static class TimeWindow
{
    /// <summary>The mean of <paramref name="value"/> over the records in the last <paramref name="fraction"/> of the run's steps.</summary>
    public static double MeanOverLast(IReadOnlyList<MetricRow> rows, double fraction, Func<MetricRow, double> value)
    {
        if (rows.Count == 0) throw new ArgumentException("a window needs at least one record", nameof(rows));
        if (!(fraction > 0 && fraction <= 1)) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "the window is a fraction in (0, 1]");
        var from = rows[^1].Step - fraction * (rows[^1].Step - rows[0].Step);
        return rows.Where(r => r.Step >= from).Average(value);
    }

    /// <summary>The largest value of <paramref name="value"/> over all records.</summary>
    public static double Max(IReadOnlyList<MetricRow> rows, Func<MetricRow, double> value) => rows.Max(value);
}
