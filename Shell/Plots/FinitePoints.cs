namespace Lnsgd.Shell.Plots;

/// <summary>
/// The points a figure can draw: NaN and ±∞ are dropped (a diverging run must still plot what
/// it recorded), and on a log axis so are values ≤ 0, whose logarithm does not exist.
/// </summary>
public static class FinitePoints
{
    /// <summary>Largest magnitude drawn: ScottPlot pads the data range by a fraction of its span, which overflows to ∞ near double.MaxValue.</summary>
    public const double Largest = 1e300;

    /// <summary>Whether <paramref name="v"/> can be placed on an axis.</summary>
    public static bool Drawable(double v) => double.IsFinite(v) && Math.Abs(v) <= Largest;

    /// <summary>The drawable (x, y) pairs; y becomes log10 y when <paramref name="logY"/>.</summary>
    public static (double[] Xs, double[] Ys) Of(IEnumerable<(double X, double Y)> points, bool logY = false)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (var (x, y) in points)
        {
            var shown = logY ? (y > 0 ? Math.Log10(y) : double.NaN) : y;
            if (!Drawable(x) || !Drawable(shown)) continue;
            xs.Add(x);
            ys.Add(shown);
        }
        return (xs.ToArray(), ys.ToArray());
    }
}
