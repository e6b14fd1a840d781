using Lnsgd.Core.Prediction;
using ScottPlot;

namespace Lnsgd.Shell.Plots;

/// <summary>
/// The limiting flow's prediction drawn over measured curves (docs/prediction.md): one dashed
/// dark line per metric, labelled "prediction". Kept to one function so any figure can call it.
/// </summary>
public static class PredictionLine
{
    /// <summary>Adds the predicted curve of each metric column to <paramref name="plot"/>; log10 values when <paramref name="logY"/> (as the measured lines are drawn).</summary>
    public static void Add(Plot plot, PredictionCurve? curve, IReadOnlyList<string> columns, bool logY = false)
    {
        if (curve is null) return;
        var first = true;
        foreach (var column in columns)
        {
            if (curve.Metric(column) is not { } values) continue;
            var (xs, ys) = FinitePoints.Of(curve.Steps.Select((step, i) => ((double)step, values[i])), logY);
            if (xs.Length < 2) continue;
            var line = plot.Add.Scatter(xs, ys, Colors.Black.WithAlpha(0.75));
            line.LineWidth = 1.5f;
            line.LinePattern = LinePattern.Dashed;
            line.MarkerSize = 0;
            line.LegendText = first ? "prediction" : "";
            first = false;
        }
    }
}
