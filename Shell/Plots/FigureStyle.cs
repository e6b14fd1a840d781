using ScottPlot;

namespace Lnsgd.Shell.Plots;

/// <summary>
/// The look every figure shares: a font that has the formula glyphs, readable sizes, a light
/// grid with minor lines, and the legend beside the data rather than on it.
/// </summary>
public static class FigureStyle
{
    /// <summary>
    /// The font asked for first: it has ‖ ⟨ ⟩ θ ⋆ ² and the superscript digits of the log axis.
    /// Debian ships it in <c>fonts-dejavu-core</c>.
    /// </summary>
    public const string PreferredFont = "DejaVu Sans";

    // Skia answers an unknown family with some other face, so presence is checked by name.
    private static readonly Lazy<bool> HasPreferredFont =
        new(() => Fonts.GetTypeface(PreferredFont, bold: false, italic: false).FamilyName == PreferredFont);

    /// <summary>An empty plot with its title, an optional caption line under it, and axis labels.</summary>
    public static Plot New(string title, string? caption, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(string.IsNullOrWhiteSpace(caption) ? title : $"{title}\n{caption}", 17);
        plot.XLabel(xLabel, 15);
        plot.YLabel(yLabel, 15);
        // Without the preferred font, let ScottPlot pick per text a face that has its glyphs.
        if (HasPreferredFont.Value) plot.Font.Set(PreferredFont); else plot.Font.Automatic();
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
        Sparse(plot.Axes.Bottom.TickGenerator);
        Sparse(plot.Axes.Left.TickGenerator);
        plot.Legend.FontSize = 13;
        plot.Legend.SymbolWidth = 36; // long enough to show a dash pattern
        plot.Grid.MajorLineColor = Colors.Black.WithOpacity(0.12);
        plot.Grid.MinorLineColor = Colors.Black.WithOpacity(0.05);
        plot.Grid.MinorLineWidth = 1;
        return plot;
    }

    /// <summary>Thins ScottPlot's default ticks: its default labels every 0.05 on a tall axis, too busy to read.</summary>
    public static void Sparse(ScottPlot.ITickGenerator ticks)
    {
        if (ticks is ScottPlot.TickGenerators.NumericAutomatic automatic) automatic.TickDensity = 0.6;
    }

    /// <summary>Shows the legend right of the data, where it cannot hide a curve; no-op without labelled items.</summary>
    public static void LegendBeside(Plot plot)
    {
        if (plot.GetPlottables().SelectMany(p => p.LegendItems).Any(i => !string.IsNullOrEmpty(i.LabelText)))
            plot.ShowLegend(Edge.Right);
    }

    /// <summary>Writes <paramref name="message"/> in the middle of a plot that has nothing to draw.</summary>
    public static void NoData(Plot plot, string message = "no finite values to plot")
    {
        var note = plot.Add.Annotation(message, Alignment.MiddleCenter);
        note.LabelFontSize = 15;
    }
}
