using Lnsgd.Core.Measures;

namespace Lnsgd.Core.Claims;

/// <summary>
/// How a metric moves inside noise-on and noise-off windows of a schedule: record intervals
/// that lie wholly inside one window are kept, intervals that straddle a switch are left out.
/// </summary>
public static class NoiseWindows
{
    /// <summary>The mean |change| of <paramref name="value"/> per record interval, inside on and inside off windows.</summary>
    public static (double On, double Off) MeanAbsChange(IReadOnlyList<MetricRow> rows, Func<long, bool> noiseOn, Func<MetricRow, double> value)
    {
        double on = 0, off = 0;
        int onCount = 0, offCount = 0;
        foreach (var (a, b, isOn) in UniformIntervals(rows, noiseOn))
        {
            var change = Math.Abs(value(b) - value(a));
            if (isOn) { on += change; onCount++; }
            else { off += change; offCount++; }
        }
        return (onCount > 0 ? on / onCount : double.NaN, offCount > 0 ? off / offCount : double.NaN);
    }

    /// <summary>
    /// The consecutive record pairs (a, b) whose steps a … b − 1 all have the noise on, or all off
    /// (intervals that straddle a switch are left out), with which of the two it is.
    /// </summary>
    public static IEnumerable<(MetricRow From, MetricRow To, bool On)> UniformIntervals(IReadOnlyList<MetricRow> rows, Func<long, bool> noiseOn)
    {
        for (var k = 1; k < rows.Count; k++)
        {
            var (a, b) = (rows[k - 1], rows[k]);
            var startOn = noiseOn(a.Step);
            var uniform = true;
            for (var t = a.Step; t < b.Step && uniform; t++) uniform = noiseOn(t) == startOn;
            if (uniform) yield return (a, b, startOn);
        }
    }
}
