using ScottPlot;

namespace Lnsgd.Shell.Plots;

/// <summary>
/// Colour as a function of the iteration, as in Fig. 2 of the paper: darker = later.
/// </summary>
public static class TimeColors
{
    /// <summary>
    /// Viridis run backwards, yellow-green (earliest) to dark purple (latest). Its palest end is
    /// cut off: pale yellow points vanish on a white background.
    /// </summary>
    public static IColormap Colormap { get; } = ReversedViridis(lightest: 0.9, stops: 64);

    /// <summary>The colour scale over iterations <paramref name="first"/> to <paramref name="last"/>; what a colour bar draws.</summary>
    public static IHasColorAxis Scale(double first, double last) =>
        new StepScale(Colormap, last > first ? new ScottPlot.Range(first, last) : new ScottPlot.Range(first, first + 1));

    /// <summary>The colour of iteration <paramref name="step"/> on <paramref name="scale"/>.</summary>
    public static Color At(IHasColorAxis scale, double step) =>
        scale.Colormap.GetColor(scale.GetRange().Normalize(step, clamp: true));

    private static IColormap ReversedViridis(double lightest, int stops)
    {
        var viridis = new ScottPlot.Colormaps.Viridis();
        return new ScottPlot.Colormaps.CustomInterpolated(
            [.. Enumerable.Range(0, stops).Select(k => viridis.GetColor(lightest * (1 - k / (stops - 1.0))))]);
    }

    private sealed class StepScale(IColormap colormap, ScottPlot.Range steps) : IHasColorAxis
    {
        public IColormap Colormap { get; set; } = colormap;
        public ScottPlot.Range GetRange() => steps;
    }
}
