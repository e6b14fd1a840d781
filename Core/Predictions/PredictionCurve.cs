using System.Collections.Immutable;

namespace Lnsgd.Core.Predictions;

/// <summary>
/// One flow's predicted curves at the run's record steps: plain arrays so every figure, report
/// and file writer can draw or print them. Quantities that follow from G = ZᵀZ are exact along
/// the flow; mean_cos and min_cos expand the per-neuron weights. train_loss and test_loss are
/// the predicted time averages of the fluctuating clean losses (0 on Γ for the limit flow).
/// </summary>
public sealed record PredictionCurve(
    FlowKind Flow, ImmutableArray<long> Steps, ImmutableArray<double> Tau,
    ImmutableArray<double> MeanWSq, ImmutableArray<double> WFrob, ImmutableArray<double> ANorm,
    ImmutableArray<double> MeanCos, ImmutableArray<double> MinCos, ImmutableArray<double> TraceH,
    ImmutableArray<double> TrainLoss, ImmutableArray<double> TestLoss)
{
    /// <summary>The column names of prediction.csv after <c>flow</c>, in order.</summary>
    public static ImmutableArray<string> Columns { get; } =
        ["step", "tau", "mean_w_sq", "w_frob", "a_norm", "mean_cos", "min_cos", "trace_h", "train_loss", "test_loss"];

    /// <summary>The curve of a metric by its metrics.csv name (mean_w_sq, w_frob, a_norm, mean_cos, min_cos, train_loss, test_loss), or null.</summary>
    public ImmutableArray<double>? Metric(string column) => column switch
    {
        "mean_w_sq" => MeanWSq, "w_frob" => WFrob, "a_norm" => ANorm, "mean_cos" => MeanCos, "min_cos" => MinCos,
        "trace_h" => TraceH, "train_loss" => TrainLoss, "test_loss" => TestLoss, _ => null,
    };

    /// <summary>The value of a column at row i, in <see cref="Columns"/> order.</summary>
    public double[] Row(int i) =>
        [Steps[i], Tau[i], MeanWSq[i], WFrob[i], ANorm[i], MeanCos[i], MinCos[i], TraceH[i], TrainLoss[i], TestLoss[i]];
}
