using Lnsgd.Core.Measures;

namespace Lnsgd.Core.Simulations;

/// <summary>
/// When a run counts as diverged although every number is still finite: its clean train loss
/// exceeds <see cref="Factor"/> × max(L(θ₀), L(0)), the larger of the initial loss and the
/// zero network's loss (so a run started at θ = θ⋆ still has a scale). Checked after every step
/// at O(d) cost: since L(θ) ≤ ‖θ‖²·tr(XᵀX)/n + 2L(0), the exact O(nd) loss is only computed
/// once ‖θ‖² is within a factor 4 of where the limit becomes reachable. When both reference
/// losses are 0 there is no scale and only non-finite values count.
/// </summary>
public sealed record RunawayRule(double LossLimit, double ThetaSqTrigger)
{
    /// <summary>How many times its reference the train loss may grow before the run is called diverged.</summary>
    public const double Factor = 1e12;

    /// <summary>The rule for <paramref name="spec"/>'s problem and initial network.</summary>
    public static RunawayRule Of(RunSpec spec)
    {
        var p = spec.Problem;
        var reference = Math.Max(Metrics.TrainLoss(p, spec.Initial.Theta()), Metrics.TrainLoss(p, new double[p.D]));
        var limit = reference > 0 ? Factor * reference : double.PositiveInfinity;
        var trace = Kernels.SquaredNorm(p.X.AsSpan()) / p.N;
        return new RunawayRule(limit, trace > 0 ? limit / (4 * trace) : double.PositiveInfinity);
    }

    /// <summary>The train loss at <paramref name="theta"/> when it is past the limit, else null.</summary>
    public double? Exceeded(Problems.SyntheticProblem problem, ReadOnlySpan<double> theta)
    {
        if (!(Kernels.SquaredNorm(theta) > ThetaSqTrigger)) return null;
        var loss = Metrics.TrainLoss(problem, theta);
        return loss > LossLimit ? loss : null;
    }
}
