using System.Globalization;
using System.Text;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Sweeps;
using Lnsgd.Shell.Output;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Lnsgd.Shell.Plots;

/// <summary>
/// A phase diagram: a summary of the collected table as a heatmap over two swept keys, one
/// square per (x, y) point labelled with its value, and — where the theory predicts that
/// summary — the prediction as a second heatmap on the same axes underneath. Axes are the
/// swept values in order, equally spaced (sweeps are usually log-spaced); the colour is on a
/// log scale when the values are positive and span a decade or more.
/// </summary>
public static class PhaseDiagram
{
    /// <summary>Width of the figure, in pixels.</summary>
    public const int Width = 1000;

    /// <summary>Height of one panel, in pixels.</summary>
    public const int PanelHeight = 720;

    /// <summary>The file stem of a diagram: <c>phase-VALUE-X-Y</c>.</summary>
    public static string Stem(PhaseGrid grid) => $"phase-{grid.Value}-{grid.XKey}-{grid.YKey}";

    /// <summary>
    /// Writes <c>STEM.png</c>, <c>STEM.svg</c> and <c>STEM.csv</c> (the cells: x, y, runs, runs
    /// with a value, their mean, and the prediction) into <paramref name="dir"/>; returns the names.
    /// </summary>
    public static IReadOnlyList<string> Write(string dir, PhaseGrid grid, PhaseGrid? theory, string? caption = null)
    {
        var stem = Stem(grid);
        var panels = theory is null ? new[] { Measured(grid, caption) } : [Measured(grid, caption), Theory(theory, grid)];
        try
        {
            var files = FigureFile.Write(dir, stem, panels, Width, PanelHeight * panels.Length);
            AtomicFile.WriteText(Path.Combine(dir, stem + ".csv"), CellsCsv(grid, theory));
            return [.. files, stem + ".csv"];
        }
        finally
        {
            foreach (var panel in panels) panel.Dispose();
        }
    }

    /// <summary>The measured panel.</summary>
    public static Plot Measured(PhaseGrid grid, string? caption)
    {
        var meaning = SweepSummary.Columns.FirstOrDefault(c => c.Name == grid.Value)?.Meaning;
        var runs = grid.Cells.Select(c => c.Runs).Distinct().Order().ToList();
        var perCell = runs.Count == 1 ? $"{runs[0]} run{(runs[0] == 1 ? "" : "s")} per cell" : $"{runs.Min()}–{runs.Max()} runs per cell";
        var partial = grid.Cells.Any(c => c.Reached < c.Runs) ? "; (k/n): only k of the n runs have a value" : "";
        var note = $"mean over the seeds of each cell ({perCell}){partial}" + (caption is null ? "" : "\n" + caption);
        return Panel(grid, meaning is null ? grid.Value : $"{grid.Value}: {Shorten(meaning)}", note, grid.Value, "not reached");
    }

    /// <summary>The theory panel: the prediction on the same axes, with measured/predicted in its caption.</summary>
    public static Plot Theory(PhaseGrid theory, PhaseGrid measured)
    {
        var ratios = Enumerable.Range(0, measured.Cells.Length)
            .Where(k => measured.Cells[k].Mean is > 0 && theory.Cells[k].Mean is > 0)
            .Select(k => measured.Cells[k].Mean!.Value / theory.Cells[k].Mean!.Value).Order().ToList();
        var note = ratios.Count == 0 ? "no cell has both a measured and a predicted value"
            : $"measured / predicted per cell: median {Format(Median(ratios))}, range {Format(ratios[0])} – {Format(ratios[^1])} (the theorem is an upper bound)";
        return Panel(theory, "Theorem 2's prediction: T1 = 384 √(ln m) / (σ² η² √m)", note, "T1", "no prediction");
    }

    private static Plot Panel(PhaseGrid grid, string title, string caption, string colorLabel, string missing)
    {
        var plot = FigureStyle.New(title, caption, AxisLabel(grid.XKey), AxisLabel(grid.YKey));
        plot.HideGrid();
        var (nx, ny) = (grid.XValues.Length, grid.YValues.Length);
        var values = grid.Cells.Where(c => c.Mean is { } v && FinitePoints.Drawable(v)).Select(c => c.Mean!.Value).ToList();
        var log = values.Count > 0 && values.Min() > 0 && values.Max() >= 10 * values.Min();
        double Shown(double v) => log ? Math.Log10(v) : v;
        var (low, high) = values.Count == 0 ? (0.0, 1.0) : (values.Min(Shown), values.Max(Shown));
        if (!(high > low)) (low, high) = (low - 0.5, high + 0.5);
        var colormap = new ScottPlot.Colormaps.Viridis();

        for (var iy = 0; iy < ny; iy++)
            for (var ix = 0; ix < nx; ix++)
            {
                var cell = grid.At(ix, iy);
                var box = plot.Add.Rectangle(ix - 0.5, ix + 0.5, iy - 0.5, iy + 0.5);
                box.LineStyle.Width = 1;
                box.LineStyle.Color = Colors.White;
                string text;
                Color ink;
                if (cell.Mean is { } v && FinitePoints.Drawable(v))
                {
                    var position = (Shown(v) - low) / (high - low);
                    box.FillStyle.Color = colormap.GetColor(position);
                    ink = position < 0.6 ? Colors.White : Colors.Black;
                    text = Format(v) + (cell.Reached < cell.Runs ? $"\n({cell.Reached}/{cell.Runs})" : "");
                }
                else
                {
                    box.FillStyle.Color = Colors.LightGray;
                    ink = Colors.Black;
                    text = cell.Runs == 0 ? "no run" : $"{missing}\n(0/{cell.Runs})";
                }
                var label = plot.Add.Text(text, ix, iy);
                label.LabelAlignment = Alignment.MiddleCenter;
                label.LabelFontSize = nx * ny > 36 ? 11 : 14;
                label.LabelFontColor = ink;
            }

        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, nx).Select(i => (double)i)], [.. grid.XValues]);
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, ny).Select(i => (double)i)], [.. grid.YValues]);
        plot.Axes.SetLimits(-0.5, nx - 0.5, -0.5, ny - 0.5);

        var bar = plot.Add.ColorBar(new Scale(colormap, new ScottPlot.Range(low, high)));
        bar.Label = log ? $"{colorLabel} (log scale)" : colorLabel;
        bar.LabelStyle.FontSize = 14;
        if (log) bar.Axis.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true, LabelFormatter = LogScale.PowerOfTen };
        else bar.Axis.TickGenerator = new NumericAutomatic { TickDensity = 0.4 };
        return plot;
    }

    /// <summary>A cell value as a short label: 2.6e5 for large magnitudes, 4000, 0.947.</summary>
    public static string Format(double v)
    {
        var a = Math.Abs(v);
        if (a >= 1e5 || (a > 0 && a < 1e-3))
        {
            var exponent = (int)Math.Floor(Math.Log10(a));
            var mantissa = v / Math.Pow(10, exponent);
            if (Math.Abs(Math.Round(mantissa, 1)) >= 10) { mantissa /= 10; exponent++; }
            return mantissa.ToString("0.0", CultureInfo.InvariantCulture) + "e" + exponent.ToString(CultureInfo.InvariantCulture);
        }
        return Math.Abs(v - Math.Round(v)) < 1e-9 && a >= 1 ? Math.Round(v).ToString("0", CultureInfo.InvariantCulture) : v.ToString("G3", CultureInfo.InvariantCulture);
    }

    /// <summary>The cells as CSV: x, y, runs, reached, mean (and predicted when a theory grid is given).</summary>
    public static string CellsCsv(PhaseGrid grid, PhaseGrid? theory)
    {
        var sb = new StringBuilder($"{grid.XKey},{grid.YKey},runs,reached,mean_{grid.Value}");
        if (theory is not null) sb.Append(",predicted_").Append(theory.Value);
        sb.Append('\n');
        for (var iy = 0; iy < grid.YValues.Length; iy++)
            for (var ix = 0; ix < grid.XValues.Length; ix++)
            {
                var cell = grid.At(ix, iy);
                sb.Append(CultureInfo.InvariantCulture, $"{grid.XValues[ix]},{grid.YValues[iy]},{cell.Runs},{cell.Reached},{Cell.Of(cell.Mean)}");
                if (theory is not null) sb.Append(',').Append(Cell.Of(theory.At(ix, iy).Mean));
                sb.Append('\n');
            }
        return sb.ToString();
    }

    private static double Median(IReadOnlyList<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : 0.5 * (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]);

    private static string AxisLabel(string key) =>
        ConfigSchema.Find(key) is { } k ? $"{key}  ({Shorten(k.Meaning)})" : key;

    // Titles stay on one line: a meaning is cut at its first parenthesis.
    private static string Shorten(string meaning)
    {
        var cut = meaning.IndexOf('(');
        return (cut > 0 ? meaning[..cut] : meaning).Trim();
    }

    private sealed class Scale(IColormap colormap, ScottPlot.Range range) : IHasColorAxis
    {
        public IColormap Colormap { get; set; } = colormap;
        public ScottPlot.Range GetRange() => range;
    }
}
