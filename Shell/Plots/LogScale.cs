using ScottPlot;
using ScottPlot.TickGenerators;

namespace Lnsgd.Shell.Plots;

/// <summary>
/// A log10 y axis. ScottPlot 5 has no log axis: the data are plotted as log10 values and the
/// axis gets ticks at whole exponents labelled 10ⁿ, with log-spaced minor ticks between them.
/// </summary>
public static class LogScale
{
    /// <summary>
    /// Puts decade ticks on the left axis and fits its limits to whole decades around
    /// <paramref name="log10Values"/>, so at least two labelled ticks show even when the data
    /// span less than one decade (or are constant). Call it after every plottable is added: it
    /// fixes the x limits to the data as well, since fixed y limits stop ScottPlot's autoscaling.
    /// </summary>
    public static void Apply(Plot plot, IReadOnlyCollection<double> log10Values)
    {
        plot.Axes.Left.TickGenerator = DecadeTicks();
        if (log10Values.Count == 0) return;
        plot.Axes.AutoScale();
        var (low, high) = DecadeLimits(log10Values);
        plot.Axes.SetLimitsY(low, high);
    }

    /// <summary>
    /// The same for the bottom axis: decade ticks and limits fitted to whole decades around
    /// <paramref name="log10Values"/> (the x data must already be log10 values).
    /// </summary>
    public static void ApplyX(Plot plot, IReadOnlyCollection<double> log10Values)
    {
        plot.Axes.Bottom.TickGenerator = DecadeTicks();
        if (log10Values.Count == 0) return;
        var (low, high) = DecadeLimits(log10Values);
        plot.Axes.SetLimitsX(low, high);
    }

    // Ticks at whole decades, labelled 10ⁿ, with log-spaced minor ticks between them.
    private static NumericAutomatic DecadeTicks() => new()
    {
        IntegerTicksOnly = true,
        TickDensity = 0.6,
        LabelFormatter = PowerOfTen,
        MinorTickGenerator = new LogMinorTickGenerator(),
    };

    // Whole decades around the values (at least one), padded by 2 % of the span.
    private static (double Low, double High) DecadeLimits(IReadOnlyCollection<double> log10Values)
    {
        var low = Math.Floor(log10Values.Min());
        var high = Math.Max(Math.Ceiling(log10Values.Max()), low + 1);
        var pad = 0.02 * (high - low);
        return (low - pad, high + pad);
    }

    /// <summary>The label of the tick at log10 value <paramref name="exponent"/>: "10" and a superscript exponent.</summary>
    public static string PowerOfTen(double exponent)
    {
        var n = (long)Math.Round(exponent);
        return "10" + string.Concat(n.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(Superscript));
    }

    private static char Superscript(char c) => c switch
    {
        '-' => '⁻', '0' => '⁰', '1' => '¹', '2' => '²', '3' => '³', '4' => '⁴',
        '5' => '⁵', '6' => '⁶', '7' => '⁷', '8' => '⁸', '9' => '⁹', _ => c,
    };
}
