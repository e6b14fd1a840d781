using ScottPlot;

namespace Lnsgd.Shell.Plots;

/// <summary>
/// The look every figure shares: the shipped font (<see cref="FigureFont"/>), readable sizes, a
/// light grid with minor lines, a palette and line patterns that stay apart in greyscale and for
/// colour-blind readers, and the legend inside the data area in its emptiest corner.
/// </summary>
public static class FigureStyle
{
    /// <summary>The font every figure uses (shipped with the tool).</summary>
    public const string PreferredFont = FigureFont.Family;

    /// <summary>
    /// Okabe and Ito's colour-blind-safe palette (Okabe &amp; Ito, "Color Universal Design", 2008),
    /// in an order whose neighbours also differ in lightness: blue, vermillion, bluish green,
    /// reddish purple, orange, sky blue, black.
    /// </summary>
    public static IReadOnlyList<Color> Palette { get; } =
    [
        Color.FromHex("#0072B2"), Color.FromHex("#D55E00"), Color.FromHex("#009E73"), Color.FromHex("#CC79A7"),
        Color.FromHex("#E69F00"), Color.FromHex("#56B4E9"), Color.FromHex("#000000"),
    ];

    /// <summary>Line patterns in the same order as <see cref="Palette"/>: the k-th line differs from the others in greyscale too.</summary>
    public static IReadOnlyList<LinePattern> Patterns { get; } =
        [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    /// <summary>The k-th colour of <see cref="Palette"/>, cycling.</summary>
    public static Color ColorOf(int k) => Palette[k % Palette.Count];

    /// <summary>The k-th pattern of <see cref="Patterns"/>, cycling.</summary>
    public static LinePattern PatternOf(int k) => Patterns[k % Patterns.Count];

    /// <summary>An empty plot with its title, an optional caption line under it, and axis labels.</summary>
    public static Plot New(string title, string? caption, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(string.IsNullOrWhiteSpace(caption) ? title : $"{title}\n{caption}", 17);
        plot.XLabel(xLabel, 15);
        plot.YLabel(yLabel, 15);
        plot.Font.Set(FigureFont.Name);
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

    /// <summary>
    /// Shows the legend inside the data area, in the corner where the fewest of
    /// <paramref name="points"/> (data coordinates) lie; no-op without labelled items.
    /// The data area's limits must be set before.
    /// </summary>
    public static void LegendInside(Plot plot, IReadOnlyCollection<(double X, double Y)> points)
    {
        var items = plot.GetPlottables().SelectMany(p => p.LegendItems).Count(i => !string.IsNullOrEmpty(i.LabelText));
        if (items == 0) return;
        var limits = plot.Axes.GetLimits();
        var (w, h) = (limits.Right - limits.Left, limits.Top - limits.Bottom);
        // The legend's box, as fractions of the data area: about 40 % wide, 7 % tall per entry.
        var (boxW, boxH) = (0.42, Math.Min(0.9, 0.05 + 0.075 * items));
        int Crowding(Alignment corner)
        {
            var (left, bottom) = corner switch
            {
                Alignment.UpperLeft => (0.0, 1 - boxH), Alignment.UpperRight => (1 - boxW, 1 - boxH),
                Alignment.LowerLeft => (0.0, 0.0), Alignment.LowerRight => (1 - boxW, 0.0),
                Alignment.MiddleRight => (1 - boxW, 0.5 - boxH / 2), _ => (0.0, 0.5 - boxH / 2),
            };
            return points.Count(p =>
            {
                var (x, y) = (w > 0 ? (p.X - limits.Left) / w : 0.5, h > 0 ? (p.Y - limits.Bottom) / h : 0.5);
                return x >= left && x <= left + boxW && y >= bottom && y <= bottom + boxH;
            });
        }
        Alignment[] corners = [Alignment.UpperRight, Alignment.LowerRight, Alignment.UpperLeft, Alignment.LowerLeft, Alignment.MiddleRight, Alignment.MiddleLeft];
        plot.ShowLegend(corners.MinBy(Crowding));
        plot.Legend.BackgroundColor = Colors.White.WithOpacity(0.85);
    }

    /// <summary>Writes <paramref name="message"/> in the middle of a plot that has nothing to draw.</summary>
    public static void NoData(Plot plot, string message = "no finite values to plot")
    {
        var note = plot.Add.Annotation(message, Alignment.MiddleCenter);
        note.LabelFontSize = 15;
    }
}
