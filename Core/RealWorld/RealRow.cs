using System.Collections.Immutable;

namespace Lnsgd.Core.RealWorld;

/// <summary>
/// One record of a real-data arm. Losses and accuracies are on clean labels. ‖W‖_F is the first
/// layer's (for the linearised model: of θ0 + Δ); unit norms are the per-hidden-unit ‖w_i‖; the
/// kernel distance is 1 − cos(K0, Kt) of the empirical NTK on the probe set (0 for a linearised model,
/// whose kernel is fixed). The column order is a published schema: later versions only append.
/// </summary>
public sealed record RealRow(
    long Step, double Epoch, double TrainLoss, double TestLoss, double TrainAccuracy, double TestAccuracy,
    double WFrob, double WFrobChange, double UnitNormMean, double UnitNormStd, double AFrob,
    double ParamChange, double KernelDistance, double BatchLoss)
{
    /// <summary>The CSV header, in schema order.</summary>
    public static ImmutableArray<string> Columns { get; } =
    [
        "step", "epoch", "train_loss", "test_loss", "train_acc", "test_acc", "w_frob", "w_frob_change",
        "unit_norm_mean", "unit_norm_std", "a_frob", "param_change", "kernel_distance", "batch_loss",
    ];

    /// <summary>The values after <c>step</c>, in schema order.</summary>
    public double[] Values() =>
    [
        Epoch, TrainLoss, TestLoss, TrainAccuracy, TestAccuracy, WFrob, WFrobChange, UnitNormMean, UnitNormStd,
        AFrob, ParamChange, KernelDistance, BatchLoss,
    ];

    /// <summary>A value by column name.</summary>
    public double this[string column] => column == "step" ? Step : Values()[Columns.IndexOf(column) - 1];
}

/// <summary>The test accuracy of a network with only <paramref name="KeptPercent"/> % of its weights (by magnitude).</summary>
public sealed record PrunePoint(double KeptPercent, int Kept, double TestAccuracy);

/// <summary>
/// Everything an arm recorded: its rows, the test-set outputs at each record (for distances
/// between arms), the final model, the pruning curve (networks of a pruning experiment) and the
/// step at which it diverged, if it did.
/// </summary>
public sealed record RealTrajectory(
    RealArm Arm, ImmutableArray<RealRow> Rows, ImmutableArray<double[]> TestOutputs, Nonlinear.Model Final,
    ImmutableArray<PrunePoint> Pruning, long? DivergedAt);
