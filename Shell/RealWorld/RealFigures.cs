using System.Globalization;
using Lnsgd.Core.RealWorld;
using Lnsgd.Shell.Plots;
using ScottPlot;

namespace Lnsgd.Shell.RealWorld;

/// <summary>One curve of a figure: legend label, dashed or solid, and its points.</summary>
public sealed record Curve(string Label, bool Dashed, double[] X, double[] Y);

/// <summary>
/// The figures of the real-data presets (PNG and SVG): Figs. 3 and 5 as in the authors' notebook
/// (clean train and test loss, mean and std of the first layer's unit norms) plus the distance
/// from the linearisation and the kernel distance; Fig. 1's accuracy per epoch and pruning curve;
/// the teacher presets' Fig. 2 panels.
/// </summary>
public static class RealFigures
{
    private const int Width = 1100, PanelHeight = 560;
    private static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    /// <summary>Writes an image preset's figures into <paramref name="dir"/>; returns the PNG names.</summary>
    public static IReadOnlyList<string> WriteImages(string dir, string id, ImageResult r)
    {
        var written = new List<string>();
        var x = r.Config.Epochs > 0 ? "epoch" : "iteration";
        IReadOnlyList<Curve> Of(string column, bool networksOnly = false) =>
            [.. r.Arms.Where(a => !networksOnly || !a.Arm.Linearised).Select(a => new Curve(a.Arm.Label, a.Arm.Linearised,
                a.Rows.Select(row => r.Config.Epochs > 0 ? row.Epoch : row.Step).ToArray(), a.Rows.Select(row => row[column]).ToArray()))];
        var caption = Caption(r);
        if (r.Preset.Experiment is RealExperiment.Pruning)
        {
            Save(dir, id + "_accuracy", written,
                Lines("Test accuracy (clean labels)", x, "accuracy", Of("test_acc"), caption: caption),
                Lines("Clean training loss", x, "loss", Of("train_loss"), logY: true));
            var pruning = r.Arms.Where(a => a.Pruning.Length > 0).Select(a => new Curve(a.Arm.Label, false,
                a.Pruning.Select(p => Math.Log10(p.KeptPercent)).ToArray(), a.Pruning.Select(p => p.TestAccuracy).ToArray())).ToList();
            var plot = Lines("Magnitude pruning: test accuracy against the weights kept", "% of weights kept (log scale)", "test accuracy", pruning, caption: caption);
            var ticks = (RealSchema.ParseList(r.Config.Prune) ?? []).Distinct().ToArray();
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                [.. ticks.Select(Math.Log10)], [.. ticks.Select(t => t.ToString("G4", CultureInfo.InvariantCulture))]);
            Save(dir, id + "_pruning", written, plot);
            return written;
        }
        Save(dir, id + "_losses", written,
            Lines("Training loss on clean labels", x, "loss  0.5·mean (f − y)²", Of("train_loss"), logY: true, caption: caption),
            Lines("Test loss", x, "loss  0.5·mean (f − y)²", Of("test_loss")));
        Save(dir, id + "_norms", written,
            Lines("First layer: mean of the unit norms ‖w_i‖", x, "mean ‖w_i‖", Of("unit_norm_mean"), caption: caption),
            Lines("First layer: standard deviation of the unit norms", x, "std ‖w_i‖", Of("unit_norm_std")));
        var baseline = r.Arms.FirstOrDefault(a => a.Arm.Label == r.Preset.Experiment.Baseline);
        var byLabel = r.Arms.ToDictionary(a => a.Arm.Label);
        var distances = new List<Curve>();
        foreach (var a in r.Arms.Where(a => !a.Arm.Linearised))
        {
            if (a.Arm.Twin is { } t && byLabel.TryGetValue(t, out var twin))
                distances.Add(ToCurve($"{a.Arm.Label} vs {t}", false, RealSummary.DistanceSeries(a, twin)));
            if (baseline is not null && a.Arm.Twin != baseline.Arm.Label)
                distances.Add(ToCurve($"{a.Arm.Label} vs {baseline.Arm.Label}", true, RealSummary.DistanceSeries(a, baseline)));
        }
        Save(dir, id + "_linearisation", written,
            Lines("Distance of the network's test predictions from the linearised model's", x, "‖F − F_lin‖ / ‖F_lin‖", distances, caption: caption),
            Lines("Empirical NTK on the probe set: 1 − cos(K0, Kt)", x, "kernel distance", Of("kernel_distance", networksOnly: true)));
        return written;
    }

    /// <summary>Writes a teacher preset's figures (Fig. 2's losses and both phases); returns the PNG names.</summary>
    public static IReadOnlyList<string> WriteTeacher(string dir, string id, TeacherResult r)
    {
        var written = new List<string>();
        LabelledRun[] runs = [r.Noisy, r.Clean];
        Save(dir, id + "_losses", written, Figures.Losses(runs, $"{r.Preset.Activation} network, fig2 setting"));
        Save(dir, id + "_phases", written,
            Figures.Series(runs, ["mean_w_sq"], logY: true, title: "Phase I: mean squared norm of the first-layer neurons"),
            Figures.Series(runs, ["mean_cos"], title: "Phase II: mean |cos(w_i, θ⋆)| (chance ≈ √(2/(πd)))"));
        return written;
    }

    /// <summary>A line plot of labelled curves; dashed curves are drawn with a dash pattern.</summary>
    public static Plot Lines(string title, string xLabel, string yLabel, IReadOnlyList<Curve> curves, bool logY = false, string? caption = null)
    {
        var plot = FigureStyle.New(title, caption, xLabel, yLabel + (logY ? "  (log scale)" : ""));
        var shown = new List<double>();
        for (var k = 0; k < curves.Count; k++)
        {
            var (xs, ys) = FinitePoints.Of(curves[k].X.Zip(curves[k].Y), logY);
            if (xs.Length == 0) continue;
            var line = plot.Add.Scatter(xs, ys, Palette.GetColor(k));
            line.LineWidth = 2;
            line.LinePattern = curves[k].Dashed ? LinePattern.Dashed : LinePattern.Solid;
            line.MarkerSize = xs.Length <= 30 ? 5 : 0;
            line.LegendText = curves[k].Label;
            shown.AddRange(ys);
        }
        if (shown.Count == 0) FigureStyle.NoData(plot);
        if (logY) LogScale.Apply(plot, shown);
        FigureStyle.LegendBeside(plot);
        return plot;
    }

    private static Curve ToCurve(string label, bool dashed, IReadOnlyList<(long Step, double Distance)> series) =>
        new(label, dashed, [.. series.Select(s => (double)s.Step)], [.. series.Select(s => s.Distance)]);

    private static string Caption(ImageResult r)
    {
        var c = r.Config;
        var batch = c.Batch > 0 && c.Batch < r.Task.Train.Rows ? $"batch {c.Batch}, {c.Epochs} epochs" : $"full batch, {c.Steps:N0} steps";
        // Two short lines: one long line overflows the title area when the legend takes the right side.
        return $"{r.Preset.Name}: {c.Dataset}, {r.Task.Train.Rows} train / {r.Task.Test.Rows} test, {c.Width} {c.Activation} units ({c.Param})\n" +
               $"{c.Loss}, η = {c.Eta.ToString("G4", CultureInfo.InvariantCulture)}, {batch}, seed {c.Seed}";
    }

    private static void Save(string dir, string stem, List<string> written, params Plot[] panels)
    {
        try
        {
            FigureFile.Write(dir, stem, panels, Width, PanelHeight * panels.Length);
            written.Add(stem + ".png");
        }
        finally
        {
            foreach (var p in panels) p.Dispose();
        }
    }
}
