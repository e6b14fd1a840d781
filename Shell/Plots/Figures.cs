using System.Collections.Immutable;
using System.Globalization;
using Lnsgd.Core.Measures;
using Lnsgd.Core.Simulations;
using ScottPlot;

namespace Lnsgd.Shell.Plots;

/// <summary>
/// The figure panels of the paper's Fig. 2 ((a) losses, (b) norms and alignment, (c) one
/// neuron's path, the bottom row's neuron clouds) and a generic metric plot. Each builder
/// returns an unrendered ScottPlot <see cref="Plot"/> that the caller owns (and disposes);
/// <see cref="FigureFile"/> renders it. Non-finite values are skipped, so any trajectory, empty
/// or diverged, gives a figure. Time series take several seeds per label (mean line and 95 %
/// band), phase markers, reference levels and theory curves (<see cref="TheoryCurve"/>).
/// </summary>
public static class Figures
{
    /// <summary>How many decades below the largest value a loss panel shows; lower values are drawn at that floor, with a note.</summary>
    public const double LossDecades = 6;

    /// <summary>Most neurons drawn per snapshot in a cloud: evenly spaced indices, so the file size stops growing with m.</summary>
    public const int CloudNeurons = 400;

    /// <summary>(a) Clean train and test loss against iteration on a log axis, one colour per run.</summary>
    public static Plot Losses(IReadOnlyList<LabelledRun> runs, string? caption = null) =>
        Losses([.. runs.Select(LabelledSeeds.Of)], caption);

    /// <summary>(a) Clean train and test loss over seeds; values more than <see cref="LossDecades"/> decades below the top are clipped to a floor.</summary>
    public static Plot Losses(IReadOnlyList<LabelledSeeds> runs, string? caption = null, StepScale axis = StepScale.Auto, IReadOnlyList<TheoryCurve>? theory = null) =>
        Bands(runs, ["train_loss", "test_loss"], logY: true, caption: caption, axis: axis, theory: theory, floorDecades: LossDecades,
            title: "Training and test loss, measured on clean labels",
            yLabel: "loss  ½·mean(θᵀx − y)²");

    /// <summary>(b) Mean ‖w_i‖² and mean |⟨w_i, θ⋆⟩| over the neurons against iteration.</summary>
    public static Plot NormsAndAlignment(IReadOnlyList<LabelledRun> runs, string? caption = null) =>
        Series(runs, ["mean_w_sq", "mean_abs_align"], caption: caption,
            title: "First-layer neurons: squared norm and alignment with the teacher θ⋆",
            yLabel: "mean over the m neurons");

    /// <summary>
    /// The two phases, stacked on one iteration axis: Phase I as mean ‖w_i‖² on a log scale
    /// above, Phase II as mean (and, for one run, min) |cos(w_i, θ⋆)| with the chance level
    /// √(2/(πd)) below; both panels carry the phase markers (escape, norm ½, cos 0.5, cos 0.9).
    /// </summary>
    public static ImmutableArray<Plot> Phases(IReadOnlyList<LabelledSeeds> runs, int? d, string? caption = null,
        StepScale axis = StepScale.Auto, IReadOnlyList<TheoryCurve>? theory = null, IReadOnlyList<Reference>? normReferences = null)
    {
        var chance = d is { } dim ? Math.Sqrt(2 / (Math.PI * dim)) : double.NaN;
        string[] cosColumns = runs.Count == 1 ? ["mean_cos", "min_cos"] : ["mean_cos"];
        return
        [
            Bands(runs, ["mean_w_sq"], logY: true, caption: caption, axis: axis, theory: theory, markers: true, references: normReferences,
                title: "Phase I: the first-layer norms shrink", yLabel: "mean ‖w_i‖²"),
            Bands(runs, cosColumns, axis: axis, theory: theory, markers: true, cosine: true,
                references: d is null ? [] : [new Reference($"chance √(2/(πd)) = {chance.ToString("0.###", CultureInfo.InvariantCulture)}", chance)],
                title: "Phase II: the neurons align with θ⋆", yLabel: "|cos(w_i, θ⋆)|"),
        ];
    }

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
        string? title = null, string? yLabel = null, string? caption = null) =>
        Bands([.. runs.Select(LabelledSeeds.Of)], columns, logY, shaded, shadedLabel, title, yLabel, caption);

    /// <summary>
    /// The general time-series panel: for every run and column a line (one seed) or a mean line
    /// with a shaded 95 % band (several seeds); then <paramref name="references"/> as dotted
    /// levels, <paramref name="theory"/> curves of the plotted columns as dashed black lines,
    /// with <paramref name="markers"/> the phase events of each run as labelled vertical lines,
    /// and a diverged run's divergence step. <paramref name="floorDecades"/> clips a log panel
    /// that many decades below its largest value (with a note); <paramref name="cosine"/> fixes
    /// the y range to [0, 1].
    /// </summary>
    /// <exception cref="ArgumentException">A column is not a metric column.</exception>
    public static Plot Bands(
        IReadOnlyList<LabelledSeeds> runs, IReadOnlyList<string> columns, bool logY = false,
        IReadOnlyList<StepWindow>? shaded = null, string shadedLabel = "noise on",
        string? title = null, string? yLabel = null, string? caption = null,
        StepScale axis = StepScale.Auto, IReadOnlyList<TheoryCurve>? theory = null, bool markers = false,
        IReadOnlyList<Reference>? references = null, double? floorDecades = null, bool cosine = false)
    {
        foreach (var column in columns) MetricLabels.Require(column);
        var named = string.Join(", ", columns.Select(MetricLabels.Of));
        var seedCount = runs.Count == 0 ? 0 : runs.Max(r => r.Seeds.Length);
        var bandNote = seedCount > 1 ? $"lines: mean over {seedCount} seeds; shaded: its 95 % interval" + (logY ? " (of log values)" : "") : null;
        var plot = FigureStyle.New(
            title ?? $"{named} against iteration", Join(caption, bandNote), "iteration",
            (yLabel ?? (columns.Count == 1 ? named : "value")) + (logY ? "  (log scale)" : ""));

        var allSteps = runs.SelectMany(r => r.Seeds).SelectMany(t => t.Rows).Select(r => (double)r.Step).ToList();
        // The events choose the axis even on panels that do not draw them, so a run's figures share one axis.
        var markerSets = runs.Select(r => PhaseMarkers.Of(r.Seeds)).ToList();
        var stepAxis = StepAxis.Choose(axis, allSteps, markerSets.SelectMany(m => m).Select(m => m.Step.Mean));
        var (first, last) = allSteps.Count > 0 ? (allSteps.Min(), allSteps.Max()) : (0.0, 1.0);
        Shade(plot, stepAxis, shaded ?? [], shadedLabel, first, last, allSteps.Count > 0);

        // Gather every curve first: a log panel's floor depends on the largest value of all of them.
        var curves = new List<(int Run, int Column, ImmutableArray<BandPoint> Band)>();
        for (var r = 0; r < runs.Count; r++)
            for (var c = 0; c < columns.Count; c++)
            {
                var column = columns[c];
                var band = SeedBand.Of([.. runs[r].Seeds.Select(t => t.Rows.Select(row => (row.Step, row[column])))], logY);
                if (band.Length > 0) curves.Add((r, c, band));
            }
        var top = curves.SelectMany(k => k.Band).Select(p => p.High).Where(FinitePoints.Drawable).DefaultIfEmpty(double.NaN).Max();
        var floor = logY && floorDecades is { } decades && double.IsFinite(top) ? Math.Floor(top - decades) : double.NegativeInfinity;
        double Clip(double v) => Math.Max(v, floor);

        var shown = new List<(double X, double Y)>();
        foreach (var (r, c, band) in curves)
        {
            var color = FigureStyle.ColorOf(runs.Count == 1 ? c : r);
            var pattern = FigureStyle.PatternOf(runs.Count == 1 || columns.Count == 1 ? (runs.Count == 1 ? c : r) : c);
            var points = band.Where(p => FinitePoints.Drawable(p.Mean) && FinitePoints.Drawable(stepAxis.X(p.Step))).ToArray();
            if (points.Length == 0) continue;
            var xs = points.Select(p => stepAxis.X(p.Step)).ToArray();
            if (points.Any(p => p.Count > 1))
            {
                var fill = plot.Add.FillY(xs, [.. points.Select(p => Clip(Finite(p.Low, p.Mean)))], [.. points.Select(p => Clip(Finite(p.High, p.Mean)))]);
                fill.FillColor = color.WithOpacity(0.22);
                fill.LineWidth = 0;
            }
            var ys = points.Select(p => Clip(p.Mean)).ToArray();
            var line = plot.Add.Scatter(xs, ys, color);
            line.LineWidth = 2.2f;
            line.LinePattern = pattern;
            line.MarkerSize = xs.Length == 1 ? 8 : 0; // a lone record has no line to draw
            line.LegendText =
                runs.Count == 1 ? MetricLabels.Of(columns[c])
                : columns.Count == 1 ? runs[r].Label
                : $"{runs[r].Label}: {MetricLabels.Of(columns[c])}";
            shown.AddRange(xs.Zip(ys));
        }

        foreach (var curve in (theory ?? []).Where(t => columns.Contains(t.Column)))
        {
            var (xs, ys) = FinitePoints.Of(curve.Steps.Zip(curve.Values, (s, v) => (stepAxis.X(s), v)), logY);
            if (xs.Length == 0) continue;
            var line = plot.Add.Scatter(xs, [.. ys.Select(Clip)], Colors.Black);
            line.LineWidth = 2;
            line.LinePattern = LinePattern.Dashed;
            line.MarkerSize = 0;
            line.LegendText = curve.Label;
            shown.AddRange(xs.Zip(ys));
        }

        foreach (var reference in references ?? [])
        {
            var level = logY ? (reference.Value > 0 ? Math.Log10(reference.Value) : double.NaN) : reference.Value;
            if (!FinitePoints.Drawable(level)) continue;
            var lineRef = plot.Add.HorizontalLine(level, 1.6f, Colors.Black.WithOpacity(0.6), LinePattern.Dotted);
            lineRef.LegendText = reference.Label;
            shown.Add((double.NaN, level));
        }

        var values = shown.Select(p => p.Y).Where(FinitePoints.Drawable).ToList();
        if (curves.Count == 0) FigureStyle.NoData(plot);
        if (logY) LogScale.Apply(plot, values);
        else if (cosine) plot.Axes.SetLimitsY(0, 1.05);
        else if (values.Count > 0) LinearLimits(plot, values);
        // 2 % room on the right: the last tick label is centred on the edge and would be cut.
        if (allSteps.Count > 0)
        {
            var (left, right) = (stepAxis.X(first), Math.Max(stepAxis.X(last), stepAxis.X(first) + 1e-9));
            plot.Axes.SetLimitsX(left, right + 0.02 * (right - left));
        }
        stepAxis.Apply(plot, first, last);

        var notes = new List<string>();
        if (double.IsFinite(floor) && curves.Any(k => k.Band.Any(p => FinitePoints.Drawable(p.Mean) && p.Mean < floor)))
        {
            var lowest = curves.SelectMany(k => k.Band).Select(p => p.Mean).Where(FinitePoints.Drawable).Min();
            notes.Add($"values below {LogScale.PowerOfTen(floor)} drawn at the floor (lowest: {Power(lowest)})");
        }
        for (var r = 0; r < runs.Count; r++)
        {
            // One run: its markers in dark grey, apart from its coloured columns; several: each in its run's colour.
            var color = runs.Count == 1 ? Colors.Black.WithOpacity(0.75) : FigureStyle.ColorOf(r);
            if (markers) shown.AddRange(Mark(plot, stepAxis, markerSets[r], color, r));
            foreach (var diverged in runs[r].Seeds.Select(t => t.Divergence).OfType<RunEvent.Diverged>().Take(1))
            {
                var at = plot.Add.VerticalLine(stepAxis.X(diverged.Step), 2, Colors.Black, LinePattern.DenselyDashed);
                at.ExcludeFromLegend = true;
                notes.Add($"{(runs.Count == 1 ? "the run" : runs[r].Label)} diverged at step {diverged.Step:N0} ({diverged.Quantity} {diverged.Reason}); nothing recorded after");
            }
            var shortest = runs[r].Seeds.Where(t => !t.Rows.IsEmpty).Select(t => (double)t.Rows[^1].Step).DefaultIfEmpty(last).Max();
            if (runs.Count > 1 && shortest < 0.98 * last && !runs[r].Seeds.Any(t => t.Divergence is not null))
                notes.Add($"{runs[r].Label} ran {shortest:N0} steps");
        }
        if (notes.Count > 0)
        {
            var note = plot.Add.Annotation(string.Join("\n", notes), Alignment.LowerCenter);
            note.LabelFontSize = 12;
            note.LabelBackgroundColor = Colors.White.WithOpacity(0.85);
        }
        FigureStyle.LegendInside(plot, shown.Where(p => double.IsFinite(p.X)).ToList());
        return plot;
    }

    /// <summary>
    /// (c) The traced neuron's path in the plane (‖w_i‖² on a log axis, |cos(w_i, θ⋆)|), points
    /// coloured by iteration (darker = later, with a colour bar), joined in time order by a thin
    /// line: the norm falls by decades first, then the cosine climbs. The paper's panel plots
    /// ⟨w_i, θ⋆⟩ on a linear axis, where everything after Phase I sits at one point.
    /// |cos| = |⟨w_i, θ⋆⟩| / (‖w_i‖ ‖θ⋆‖), <paramref name="teacherNorm"/> = ‖θ⋆‖.
    /// </summary>
    public static Plot NeuronPath(IReadOnlyList<TracePoint> trace, int? neuron = null, string? caption = null, double teacherNorm = 1)
    {
        var plot = FigureStyle.New(
            neuron is { } i ? $"Path of one neuron (i = {i}) over training" : "Path of the traced neuron over training",
            caption, "squared norm  ‖w_i‖²  (log scale)", "alignment  |cos(w_i, θ⋆)|");
        var points = trace
            .Select(p => (p.Step, X: p.WSq > 0 ? Math.Log10(p.WSq) : double.NaN, Y: Math.Abs(p.Align) / (Math.Sqrt(p.WSq) * teacherNorm)))
            .Where(p => FinitePoints.Drawable(p.X) && FinitePoints.Drawable(p.Y)).ToArray();
        if (points.Length == 0)
        {
            FigureStyle.NoData(plot);
            return plot;
        }

        var scale = TimeColors.Scale(points.Min(p => p.Step), points.Max(p => p.Step));
        var path = plot.Add.ScatterLine(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), Colors.Gray.WithOpacity(0.45));
        path.LineWidth = 1;
        // One plottable per colour step rather than per point: bounded work and SVG size for any record count.
        const int shades = 64;
        foreach (var group in points.GroupBy(p => (int)Math.Round(scale.GetRange().Normalize(p.Step, clamp: true) * (shades - 1))))
        {
            var dots = plot.Add.ScatterPoints(
                group.Select(p => p.X).ToArray(), group.Select(p => p.Y).ToArray(),
                TimeColors.Colormap.GetColor(group.Key / (shades - 1.0)));
            dots.MarkerSize = 7;
        }
        Endpoint(plot, points[0], "start", MarkerShape.OpenCircle, 16);
        Endpoint(plot, points[^1], "end", MarkerShape.OpenSquare, 16);

        var bar = plot.Add.ColorBar(scale);
        bar.Label = "iteration (darker = later)";
        bar.LabelStyle.FontSize = 14;
        FigureStyle.Sparse(bar.Axis.TickGenerator);
        LogScale.ApplyX(plot, [.. points.Select(p => p.X)]);
        plot.Axes.SetLimitsY(0, 1.05);
        FigureStyle.LegendInside(plot, [.. points.Select(p => (p.X, p.Y))]);
        return plot;
    }

    /// <summary>
    /// (Fig. 2, bottom, in the coordinates where both phases show) Every neuron as a point
    /// (‖w_i‖² on a log axis, |cos(w_i, θ⋆)|) at each snapshot iteration, coloured on a
    /// sequential scale (darker = later) with a colour bar: Phase I moves the cloud left by
    /// decades, Phase II lifts it from the chance level towards 1. |cos| = |⟨w_i, θ⋆⟩| /
    /// (‖w_i‖ ‖θ⋆‖) with <paramref name="teacherNorm"/> = ‖θ⋆‖. At most
    /// <see cref="CloudNeurons"/> neurons per snapshot are drawn (evenly spaced indices); given the
    /// run's width <paramref name="m"/>, a sampled snapshot (<c>snapshot_neurons</c>) says how many of the m it holds.
    /// </summary>
    public static Plot NeuronClouds(IReadOnlyList<NeuronSnapshot> snapshots, string? caption = null, double teacherNorm = 1, int? d = null, int? m = null)
    {
        var width = snapshots.Count == 0 ? 0 : snapshots.Max(s => s.WSq.Length);
        var shownPer = Math.Min(width, CloudNeurons);
        var plot = FigureStyle.New(
            width == 0 ? "All neurons at snapshot iterations"
            : m is { } all && width < all
                ? (shownPer < width ? $"{shownPer} (evenly spaced) of a seeded sample of {width} of the m = {all} neurons at snapshot iterations"
                    : $"A seeded sample of {width} of the m = {all} neurons at snapshot iterations")
            : shownPer < width ? $"{shownPer} of the m = {width} neurons (evenly spaced) at snapshot iterations"
            : $"All m = {width} neurons at snapshot iterations",
            caption, "squared norm  ‖w_i‖²  (log scale)", "alignment  |cos(w_i, θ⋆)|");
        var ordered = snapshots.OrderBy(s => s.Step).ToImmutableArray();
        var shown = new List<(double X, double Y)>();
        if (ordered.Length > 0)
        {
            var scale = TimeColors.Scale(ordered[0].Step, ordered[^1].Step);
            foreach (var snapshot in ordered)
            {
                var n = snapshot.WSq.Length;
                var pick = Enumerable.Range(0, Math.Min(n, CloudNeurons)).Select(k => n <= CloudNeurons ? k : (int)((long)k * n / CloudNeurons));
                var (xs, ys) = FinitePoints.Of(pick.Select(i => (snapshot.WSq[i] > 0 ? Math.Log10(snapshot.WSq[i]) : double.NaN,
                    Math.Abs(snapshot.Align[i]) / (Math.Sqrt(snapshot.WSq[i]) * teacherNorm))));
                if (xs.Length == 0) continue;
                var dots = plot.Add.ScatterPoints(xs, ys, TimeColors.At(scale, snapshot.Step).WithOpacity(0.75));
                dots.MarkerSize = 5;
                shown.AddRange(xs.Zip(ys));
            }
            var bar = plot.Add.ColorBar(scale);
            bar.Label = "snapshot iteration (darker = later)";
            bar.LabelStyle.FontSize = 14;
            bar.Axis.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                [.. ordered.Select(s => (double)s.Step).Distinct()], [.. ordered.Select(s => s.Step).Distinct().Select(s => s.ToString("N0", CultureInfo.InvariantCulture))]);
        }
        if (d is { } dim)
        {
            var chance = Math.Sqrt(2 / (Math.PI * dim));
            var level = plot.Add.HorizontalLine(chance, 1.6f, Colors.Black.WithOpacity(0.6), LinePattern.Dotted);
            level.LegendText = $"chance √(2/(πd)) = {chance.ToString("0.###", CultureInfo.InvariantCulture)}";
        }
        if (shown.Count == 0) FigureStyle.NoData(plot);
        else
        {
            LogScale.ApplyX(plot, [.. shown.Select(p => p.X)]);
            plot.Axes.SetLimitsY(0, 1.05);
        }
        FigureStyle.LegendInside(plot, shown);
        return plot;
    }

    /// <summary>The panels of a comparison figure: (a) losses above (b) norms and alignment, every run overlaid.</summary>
    public static ImmutableArray<Plot> Comparison(IReadOnlyList<LabelledRun> runs, string? caption = null) =>
        [Losses(runs, caption), NormsAndAlignment(runs)];

    // Each marker: a vertical line in the run's colour at the seed-mean step, its 95 % interval
    // over the seeds as a faint span, and its name near the top, staggered so names of close
    // events and of different runs do not overlap.
    // Returns the labels' anchor points, which the legend keeps clear of.
    private static List<(double X, double Y)> Mark(Plot plot, StepAxis axis, IReadOnlyList<PhaseMarker> markers, Color color, int run)
    {
        var anchors = new List<(double X, double Y)>();
        var limits = plot.Axes.GetLimits();
        var height = limits.Top - limits.Bottom;
        for (var k = 0; k < markers.Count; k++)
        {
            var m = markers[k];
            var x = axis.X(m.Step.Mean);
            if (!FinitePoints.Drawable(x)) continue;
            if (m.Step.High > m.Step.Low && FinitePoints.Drawable(axis.X(m.Step.Low)) && FinitePoints.Drawable(axis.X(m.Step.High)))
            {
                var span = plot.Add.HorizontalSpan(axis.X(Math.Max(0, m.Step.Low)), axis.X(m.Step.High), color.WithOpacity(0.12));
                span.LineWidth = 0;
            }
            var line = plot.Add.VerticalLine(x, 1.3f, color.WithOpacity(0.8), LinePattern.Dotted);
            line.ExcludeFromLegend = true;
            var y = limits.Top - height * (0.04 + 0.075 * ((k % 2) + 2 * (run % 3)));
            var label = plot.Add.Text(m.Text, x, y);
            // A label reaches about 8 % of the width to the right of its line: mark its extent for the legend.
            var width = limits.Right - limits.Left;
            for (var f = 0.0; f <= 0.08; f += 0.02) for (var n = 0; n < 5; n++) anchors.Add((x + f * width, y));
            label.LabelFontSize = 12;
            label.LabelFontColor = color;
            label.LabelAlignment = Alignment.UpperLeft;
            label.LabelOffsetX = 3;
            label.LabelBackgroundColor = Colors.White.WithOpacity(0.7);
        }
        return anchors;
    }

    private static void LinearLimits(Plot plot, IReadOnlyList<double> values)
    {
        var (low, high) = (values.Min(), values.Max());
        var pad = high > low ? 0.06 * (high - low) : Math.Max(1e-9, 0.05 * Math.Abs(high) + 1e-9);
        if (FinitePoints.Drawable(low - pad) && FinitePoints.Drawable(high + pad)) plot.Axes.SetLimitsY(low - pad, high + pad);
    }

    private static double Finite(double v, double fallback) => FinitePoints.Drawable(v) ? v : fallback;

    private static string? Join(string? a, string? b) => a is null ? b : b is null ? a : $"{a}\n{b}";

    private static string Power(double log10) => Math.Pow(10, log10).ToString("0.#e0", CultureInfo.InvariantCulture);

    private static void Shade(Plot plot, StepAxis axis, IReadOnlyList<StepWindow> windows, string label, double first, double last, bool any)
    {
        if (!any) return;
        var labelled = false;
        foreach (var w in windows)
        {
            // Clipped to the recorded steps so a window past the end cannot stretch the axis.
            var (start, end) = (Math.Max(w.Start, first), Math.Min(w.End, last));
            if (!(end > start)) continue;
            var span = plot.Add.HorizontalSpan(axis.X(start), axis.X(end), Colors.Gray.WithOpacity(0.2));
            span.LineWidth = 0;
            if (!labelled) span.LegendText = label;
            labelled = true;
        }
    }

    private static void Endpoint(Plot plot, (long Step, double X, double Y) point, string name, MarkerShape shape, float size)
    {
        var marker = plot.Add.Marker(point.X, point.Y, shape, size, Colors.Black);
        marker.MarkerLineWidth = 2;
        marker.LegendText = $"{name} (iteration {point.Step.ToString("N0", CultureInfo.InvariantCulture)})";
    }
}
