using System.Collections.Immutable;

namespace Lnsgd.Core.Measures;

/// <summary>
/// One row of <c>metrics.csv</c>. The column order is a published schema: later versions may
/// append columns, never rename or reorder them.
/// </summary>
public sealed record MetricRow(
    long Step, double TrainLoss, double TestLoss, double ThetaErr, double WFrob,
    double MeanWSq, double MeanWNorm, double StdWNorm, double ANorm, double MaxAbsA,
    double MeanAlign, double MeanAbsAlign, double MeanCos, double MinCos,
    double LazyStat, double EscapedFrac, double MeanBalance)
{
    /// <summary>The CSV header, in schema order.</summary>
    public static ImmutableArray<string> Columns { get; } =
    [
        "step", "train_loss", "test_loss", "theta_err", "w_frob", "mean_w_sq", "mean_w_norm",
        "std_w_norm", "a_norm", "max_abs_a", "mean_align", "mean_abs_align", "mean_cos", "min_cos",
        "lazy_stat", "escaped_frac", "mean_balance",
    ];

    /// <summary>The metric values after <c>step</c>, in schema order.</summary>
    public double[] Values() =>
    [
        TrainLoss, TestLoss, ThetaErr, WFrob, MeanWSq, MeanWNorm, StdWNorm, ANorm, MaxAbsA,
        MeanAlign, MeanAbsAlign, MeanCos, MinCos, LazyStat, EscapedFrac, MeanBalance,
    ];

    /// <summary>The inverse of <see cref="Values"/>: a row from its step and values in schema order.</summary>
    public static MetricRow Of(long step, ReadOnlySpan<double> v) =>
        v.Length == Columns.Length - 1
            ? new(step, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15])
            : throw new ArgumentException($"a metric row has {Columns.Length - 1} values after the step, not {v.Length}", nameof(v));

    /// <summary>The value of a metric by its column name.</summary>
    public double this[string column] => column == "step" ? Step : Values()[Columns.IndexOf(column) - 1];
}
