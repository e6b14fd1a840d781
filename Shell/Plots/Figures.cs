using System.Collections.Immutable;
using Lnsgd.Core.Simulation;
using ScottPlot;

namespace Lnsgd.Shell.Plots;

/// <summary>
/// The figure panels of PAPER.md §4 (Fig. 2 (a)–(c) and its bottom row) and a generic metric
/// plot. Each builder returns an unrendered ScottPlot <see cref="Plot"/> that the caller owns
/// (and disposes); <see cref="FigureFile"/> renders it. Non-finite values are skipped, so
/// any trajectory, empty or diverged, gives a figure.
/// </summary>
public static class Figures
{
    private const string Iteration = "iteration";
    private static readonly IPalette Palette = new ScottPlot.Palettes.Category10();
    private static readonly LinePattern[] Patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    /// <summary>(a) Clean train and test loss against iteration on a log axis, one colour per run.</summary>
    public static Plot Losses(IReadOnlyList<LabelledRun> runs, string? caption = null) =>
        Series(runs, ["train_loss", "test_loss"], logY: true, caption: caption,
            title: "Training and test loss, measured on clean labels",
            yLabel: "loss  ½·mean(θᵀx − y)²");

    /// <summary>(b) Mean ‖w_i‖² and mean |⟨w_i, θ⋆⟩| over the neurons against iteration.</summary>
    public static Plot NormsAndAlignment(IReadOnlyList<LabelledRun> runs, string? caption = null) =>
        Series(runs, ["mean_w_sq", "mean_abs_align"], caption: caption,
            title: "First-layer neurons: squared norm and alignment with the teacher θ⋆",
            yLabel: "mean over the m neurons");

    /// <summary>
    /// (e) Metric columns of <c>metrics.csv</c> against iteration for several labelled runs.
    /// One run: a colour per column. Several: a colour per run and a line pattern per column.
    /// <paramref name="shaded"/> windows (e.g. noise-on phases) are shaded grey under one
    /// legend entry, <paramref name="shadedLabel"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A column is not a metric column.</exception>
    public static Plot Series(
        IReadOnlyList<LabelledRun> runs, IReadOnlyList<string> columns, bool logY = false,
        IReadOnlyList<StepWindow>? shaded = null, string shadedLabel = "noise on",
        string? title = null, string? yLabel = null, string? caption = null)
    {
        foreach (var column in columns) MetricLabels.Require(column);
        var named = string.Join(", ", columns.Select(MetricLabels.Of));
        var plot = FigureStyle.New(
            title ?? $"{named} against iteration", caption, Iteration,
            (yLabel ?? (columns.Count == 1 ? named : "value")) + (logY ? "  (log scale)" : ""));

        var steps = runs.SelectMany(r => r.Trajectory.Rows).Select(r => (double)r.Step).ToArray();
        if (steps.Length > 0) Shade(plot, shaded ?? [], shadedLabel, steps.Min(), steps.Max());

        var shown = new List<double>();
        for (var r = 0; r < runs.Count; r++)
            for (var c = 0; c < columns.Count; c++)
            {
                var (xs, ys) = FinitePoints.Of(runs[r].Trajectory.Rows.Select(row => ((double)row.Step, row[columns[c]])), logY);
                if (xs.Length == 0) continue;
                var line = plot.Add.Scatter(xs, ys, Palette.GetColor(runs.Count == 1 ? c : r));
                line.LineWidth = 2;
                line.LinePattern = runs.Count == 1 ? LinePattern.Solid : Patterns[c % Patterns.Length];
                line.MarkerSize = xs.Length == 1 ? 8 : 0; // a lone record has no line to draw
                line.LegendText =
                    runs.Count == 1 ? MetricLabels.Of(columns[c])
                    : columns.Count == 1 ? runs[r].Label
                    : $"{runs[r].Label}: {MetricLabels.Of(columns[c])}";
                shown.AddRange(ys);
            }

        if (shown.Count == 0) FigureStyle.NoData(plot);
        if (logY) LogScale.Apply(plot, shown);
        FigureStyle.LegendBeside(plot);
        return plot;
    }

    /// <summary>
    /// (c) The traced neuron's path in the plane (‖w_i‖², ⟨w_i, θ⋆⟩), points coloured by
    /// iteration (darker = later, with a colour bar), joined in time order by a thin line.
    /// </summary>
    public static Plot NeuronPath(IReadOnlyList<TracePoint> trace, int? neuron = null, string? caption = null)
    {
        var plot = FigureStyle.New(
            neuron is { } i ? $"Path of one neuron (i = {i}) over training" : "Path of the traced neuron over training",
            caption, "squared norm  ‖w_i‖²", "alignment  ⟨w_i, θ⋆⟩");
        var points = trace.Where(p => FinitePoints.Drawable(p.WSq) && FinitePoints.Drawable(p.Align)).ToArray();
        if (points.Length == 0)
        {
            FigureStyle.NoData(plot);
            return plot;
        }

        var scale = TimeColors.Scale(points.Min(p => p.Step), points.Max(p => p.Step));
        var path = plot.Add.ScatterLine(points.Select(p => p.WSq).ToArray(), points.Select(p => p.Align).ToArray(), Colors.Gray.WithOpacity(0.45));
        path.LineWidth = 1;
        // One plottable per colour step rather than per point: bounded work and SVG size for any record count.
        const int shades = 64;
        foreach (var group in points.GroupBy(p => (int)Math.Round(scale.GetRange().Normalize(p.Step, clamp: true) * (shades - 1))))
        {
            var dots = plot.Add.ScatterPoints(
                group.Select(p => p.WSq).ToArray(), group.Select(p => p.Align).ToArray(),
                TimeColors.Colormap.GetColor(group.Key / (shades - 1.0)));
            dots.MarkerSize = 7;
        }
        Endpoint(plot, points[0], "start", MarkerShape.OpenCircle, 16);
        Endpoint(plot, points[^1], "end", MarkerShape.OpenSquare, 16);

        var bar = plot.Add.ColorBar(scale);
        bar.Label = "iteration (darker = later)";
        bar.LabelStyle.FontSize = 14;
        FigureStyle.Sparse(bar.Axis.TickGenerator);
        FigureStyle.LegendBeside(plot);
        return plot;
    }

    /// <summary>
    /// (Fig. 2, bottom) Every neuron as a point (‖w_i‖², ⟨w_i, θ⋆⟩) at each snapshot iteration,
    /// one colour per iteration on the same darker-is-later scale as <see cref="NeuronPath"/>.
    /// Given the run's width <paramref name="m"/>, a sampled snapshot says how many of the m it shows.
    /// </summary>
    public static Plot NeuronClouds(IReadOnlyList<NeuronSnapshot> snapshots, string? caption = null, int? m = null)
    {
        var shown = snapshots.Count == 0 ? 0 : snapshots.Max(s => s.WSq.Length);
        var plot = FigureStyle.New(
            shown > 0 && m is { } width && shown < width ? $"A seeded sample of {shown} of the m = {width} neurons at snapshot iterations"
            : shown > 0 ? $"All m = {shown} neurons at snapshot iterations" : "All neurons at snapshot iterations",
            caption, "squared norm  ‖w_i‖²", "alignment  ⟨w_i, θ⋆⟩");
        var ordered = snapshots.OrderBy(s => s.Step).ToImmutableArray();
        var drawn = 0;
        if (ordered.Length > 0)
        {
            var scale = TimeColors.Scale(ordered[0].Step, ordered[^1].Step);
            foreach (var snapshot in ordered)
            {
                var (xs, ys) = FinitePoints.Of(snapshot.WSq.Zip(snapshot.Align, (w, a) => (w, a)));
                if (xs.Length == 0) continue;
                var dots = plot.Add.ScatterPoints(xs, ys, TimeColors.At(scale, snapshot.Step).WithOpacity(0.7));
                dots.MarkerSize = 5;
                dots.LegendText = $"iteration {snapshot.Step}";
                drawn++;
            }
        }
        if (drawn == 0) FigureStyle.NoData(plot);
        FigureStyle.LegendBeside(plot);
        return plot;
    }

    /// <summary>The panels of a comparison figure: (a) losses above (b) norms and alignment, every run overlaid.</summary>
    public static ImmutableArray<Plot> Comparison(IReadOnlyList<LabelledRun> runs, string? caption = null) =>
        [Losses(runs, caption), NormsAndAlignment(runs)];

    private static void Shade(Plot plot, IReadOnlyList<StepWindow> windows, string label, double first, double last)
    {
        var labelled = false;
        foreach (var w in windows)
        {
            // Clipped to the recorded steps so a window past the end cannot stretch the axis.
            var (start, end) = (Math.Max(w.Start, first), Math.Min(w.End, last));
            if (!(end > start)) continue;
            var span = plot.Add.HorizontalSpan(start, end, Colors.Gray.WithOpacity(0.2));
            span.LineWidth = 0;
            if (!labelled) span.LegendText = label;
            labelled = true;
        }
    }

    private static void Endpoint(Plot plot, TracePoint point, string name, MarkerShape shape, float size)
    {
        var marker = plot.Add.Marker(point.WSq, point.Align, shape, size, Colors.Black);
        marker.MarkerLineWidth = 2;
        marker.LegendText = $"{name} (iteration {point.Step})";
    }
}
