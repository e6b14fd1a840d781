using System.Collections.Immutable;
using Lnsgd.Core.Prediction;

namespace Lnsgd.Shell.Plots;

/// <summary>The limiting flow's predicted curves (docs/prediction.md) as the figures' theory overlays.</summary>
public static class TheoryCurves
{
    // The columns the figures draw and the prediction covers.
    private static readonly string[] Drawn = ["mean_w_sq", "mean_cos", "min_cos", "train_loss", "test_loss"];

    /// <summary>One dashed "prediction" curve per drawn column; none without a prediction.</summary>
    public static IReadOnlyList<TheoryCurve> Of(PredictionCurve? curve)
    {
        if (curve is null) return [];
        var steps = curve.Steps.Select(s => (double)s).ToImmutableArray();
        return [.. Drawn.Where(c => curve.Metric(c) is not null).Select(c => new TheoryCurve(c, steps, curve.Metric(c)!.Value))];
    }
}
