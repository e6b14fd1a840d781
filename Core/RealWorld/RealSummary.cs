using System.Collections.Immutable;

namespace Lnsgd.Core.RealWorld;

/// <summary>
/// The headline numbers of one arm at the end of its run: clean losses and accuracies, the
/// relative change of ‖W‖_F, the relative distance of its test predictions from its linearised
/// twin's and from the clean linearised model's (‖F − F_lin‖_F / ‖F_lin‖_F), and the kernel distance.
/// </summary>
public sealed record ArmSummary(
    string Label, bool Linearised, long Steps, double TrainLoss, double TestLoss, double TrainAccuracy, double TestAccuracy,
    double WFrobChange, double UnitNormMean, double ParamChange, double? TwinDistance, double? BaselineDistance,
    double KernelDistance, double BestTestAccuracy, long? DivergedAt);

/// <summary>Comparisons between the arms of an experiment.</summary>
public static class RealSummary
{
    /// <summary>‖a − b‖ / ‖b‖ (0 when both are zero).</summary>
    public static double RelativeDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var norm = Nonlinear.Parameters.Norm(b);
        var distance = Nonlinear.Parameters.Distance(a, b);
        return norm > 0 ? distance / norm : distance;
    }

    /// <summary>The relative distance of <paramref name="arm"/>'s test predictions from <paramref name="reference"/>'s at each shared record.</summary>
    public static ImmutableArray<(long Step, double Distance)> DistanceSeries(RealTrajectory arm, RealTrajectory reference)
    {
        var count = Math.Min(arm.Rows.Length, reference.Rows.Length);
        var series = ImmutableArray.CreateBuilder<(long, double)>();
        for (var k = 0; k < count; k++)
            if (arm.Rows[k].Step == reference.Rows[k].Step)
                series.Add((arm.Rows[k].Step, RelativeDistance(arm.TestOutputs[k], reference.TestOutputs[k])));
        return series.ToImmutable();
    }

    /// <summary>One summary per arm, in arm order.</summary>
    public static ImmutableArray<ArmSummary> Of(RealExperiment experiment, IReadOnlyList<RealTrajectory> arms)
    {
        var byLabel = arms.ToDictionary(a => a.Arm.Label);
        var baseline = experiment.Baseline is { } b && byLabel.TryGetValue(b, out var bl) ? bl : null;
        return [.. arms.Select(a =>
        {
            var last = a.Rows[^1];
            double? Final(RealTrajectory? other) => other is null || ReferenceEquals(other, a) ? null
                : DistanceSeries(a, other) is { Length: > 0 } s && s[^1].Step == last.Step ? s[^1].Distance : null;
            var twin = a.Arm.Twin is { } t && byLabel.TryGetValue(t, out var tw) ? tw : null;
            return new ArmSummary(a.Arm.Label, a.Arm.Linearised, last.Step, last.TrainLoss, last.TestLoss, last.TrainAccuracy, last.TestAccuracy,
                last.WFrobChange, last.UnitNormMean, last.ParamChange, Final(twin), Final(baseline), last.KernelDistance,
                a.Rows.Max(r => r.TestAccuracy), a.DivergedAt);
        })];
    }
}
