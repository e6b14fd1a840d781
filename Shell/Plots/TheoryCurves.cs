using System.Collections.Immutable;
using Lnsgd.Core.Predictions;

namespace Lnsgd.Shell.Plots;

/// <summary>The limiting flow's predicted curves (docs/prediction.md) as the figures' theory overlays.</summary>
public static class TheoryCurves
{
    // The columns the figures draw and the prediction covers, with their legend labels (one entry
    // per dashed line: the losses panel draws two, the phases panel mean and min |cos|).
    private static readonly (string Column, string Label)[] Drawn =
    [
        ("mean_w_sq", "prediction"), ("mean_cos", "prediction"), ("min_cos", "prediction (min over neurons)"),
        ("train_loss", "prediction: train loss"), ("test_loss", "prediction: test loss"),
    ];

    /// <summary>One dashed "prediction" curve per drawn column; none without a prediction.</summary>
    public static IReadOnlyList<TheoryCurve> Of(PredictionCurve? curve)
    {
        if (curve is null) return [];
        var steps = curve.Steps.Select(s => (double)s).ToImmutableArray();
        return [.. Drawn.Where(d => curve.Metric(d.Column) is not null).Select(d => new TheoryCurve(d.Column, steps, curve.Metric(d.Column)!.Value, d.Label))];
    }
}
