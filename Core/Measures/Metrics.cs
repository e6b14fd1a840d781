using Lnsgd.Core.Networks;
using Lnsgd.Core.Problems;

namespace Lnsgd.Core.Measures;

/// <summary>
/// Every recorded quantity as a pure function of (problem, initial network, current network).
/// Losses are on clean labels: L(θ) = (1/n) Σ ½(θᵀx_i − y_i)².
/// </summary>
public static class Metrics
{
    /// <summary>Clean training loss.</summary>
    public static double TrainLoss(SyntheticProblem p, ReadOnlySpan<double> theta) => Loss(p.X.AsSpan(), p.Y.AsSpan(), p.N, p.D, theta);

    /// <summary>Clean test loss on the held-out set.</summary>
    public static double TestLoss(SyntheticProblem p, ReadOnlySpan<double> theta) => Loss(p.XTest.AsSpan(), p.YTest.AsSpan(), p.NTest, p.D, theta);

    /// <summary>(1/rows) Σ ½(θᵀx_i − y_i)² over row-major inputs.</summary>
    public static double Loss(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int rows, int d, ReadOnlySpan<double> theta)
    {
        var sum = 0.0;
        for (var i = 0; i < rows; i++)
        {
            var r = VectorKernels.Dot(theta, x.Slice(i * d, d)) - y[i];
            sum += 0.5 * r * r;
        }
        return sum / rows;
    }

    /// <summary>|⟨w, θ⋆⟩| / (‖w‖‖θ⋆‖), and 0 for a zero vector (no direction, no alignment).</summary>
    public static double AbsCosine(ReadOnlySpan<double> w, ReadOnlySpan<double> thetaStar) =>
        AbsCosine(Kernels.Dot(w, thetaStar), Math.Sqrt(Kernels.SquaredNorm(w)), Math.Sqrt(Kernels.SquaredNorm(thetaStar)));

    /// <summary>The same cosine from ⟨w, θ⋆⟩, ‖w‖ and ‖θ⋆‖ already at hand.</summary>
    public static double AbsCosine(double dot, double norm, double starNorm)
    {
        var denominator = norm * starNorm;
        return denominator > 0 ? Math.Abs(dot) / denominator : 0.0;
    }

    /// <summary>√m‖w_i(t) − w_i(0)‖: above 1, neuron i has left the lazy regime (Definition 1).</summary>
    public static double LazyDistance(ReadOnlySpan<double> wi, ReadOnlySpan<double> wi0, int m)
    {
        var sum = 0.0;
        for (var j = 0; j < wi.Length; j++) { var e = wi[j] - wi0[j]; sum += e * e; }
        return Math.Sqrt(m * sum);
    }

    /// <summary>Every column of <see cref="MetricRow"/> at <paramref name="step"/>.</summary>
    public static MetricRow Row(long step, SyntheticProblem p, Network initial, Network net) =>
        NeuronTally.Measure(step, p, net.M, (from, to, tally) =>
        {
            for (var i = from; i < to; i++) tally.Add(net.Neuron(i), net.A[i], initial.Neuron(i));
        });

    /// <summary>‖u − v‖.</summary>
    public static double Distance(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        var sum = 0.0;
        for (var j = 0; j < u.Length; j++) { var e = u[j] - v[j]; sum += e * e; }
        return Math.Sqrt(sum);
    }
}
