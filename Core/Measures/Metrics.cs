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
            var r = Kernels.Dot(theta, x.Slice(i * d, d)) - y[i];
            sum += 0.5 * r * r;
        }
        return sum / rows;
    }

    /// <summary>|⟨w, θ⋆⟩| / (‖w‖‖θ⋆‖), and 0 for a zero vector (no direction, no alignment).</summary>
    public static double AbsCosine(ReadOnlySpan<double> w, ReadOnlySpan<double> thetaStar)
    {
        var denominator = Math.Sqrt(Kernels.SquaredNorm(w)) * Math.Sqrt(Kernels.SquaredNorm(thetaStar));
        return denominator > 0 ? Math.Abs(Kernels.Dot(w, thetaStar)) / denominator : 0.0;
    }

    /// <summary>√m‖w_i(t) − w_i(0)‖: above 1, neuron i has left the lazy regime (Definition 1).</summary>
    public static double LazyDistance(ReadOnlySpan<double> wi, ReadOnlySpan<double> wi0, int m)
    {
        var sum = 0.0;
        for (var j = 0; j < wi.Length; j++) { var e = wi[j] - wi0[j]; sum += e * e; }
        return Math.Sqrt(m * sum);
    }

    /// <summary>Every column of <see cref="MetricRow"/> at <paramref name="step"/>.</summary>
    public static MetricRow Row(long step, SyntheticProblem p, Network.Network initial, Network.Network net)
    {
        var theta = net.Theta();
        var thetaStar = p.ThetaStar.AsSpan();
        var m = net.M;
        double sumWSq = 0, sumNorm = 0, sumNormSq = 0, sumAlign = 0, sumAbsAlign = 0, sumCos = 0, minCos = double.PositiveInfinity;
        double maxAbsA = 0, sumASq = 0, lazy = 0, sumBalance = 0;
        var escaped = 0;
        for (var i = 0; i < m; i++)
        {
            var wi = net.Neuron(i);
            var ai = net.A[i];
            var wSq = Kernels.SquaredNorm(wi);
            var norm = Math.Sqrt(wSq);
            var align = Kernels.Dot(wi, thetaStar);
            var cos = AbsCosine(wi, thetaStar);
            var distance = LazyDistance(wi, initial.Neuron(i), m);
            sumWSq += wSq; sumNorm += norm; sumNormSq += norm * norm;
            sumAlign += align; sumAbsAlign += Math.Abs(align);
            sumCos += cos; minCos = Math.Min(minCos, cos);
            maxAbsA = Math.Max(maxAbsA, Math.Abs(ai)); sumASq += ai * ai;
            lazy = Math.Max(lazy, distance);
            if (distance > 1.0) escaped++;
            sumBalance += wSq - ai * ai;
        }
        var meanNorm = sumNorm / m;
        var variance = Math.Max(0.0, sumNormSq / m - meanNorm * meanNorm);
        return new MetricRow(
            step, TrainLoss(p, theta), TestLoss(p, theta), Distance(theta, thetaStar), Math.Sqrt(sumWSq),
            sumWSq / m, meanNorm, Math.Sqrt(variance), Math.Sqrt(sumASq), maxAbsA,
            sumAlign / m, sumAbsAlign / m, sumCos / m, minCos,
            lazy, (double)escaped / m, sumBalance / m);
    }

    /// <summary>‖u − v‖.</summary>
    public static double Distance(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        var sum = 0.0;
        for (var j = 0; j < u.Length; j++) { var e = u[j] - v[j]; sum += e * e; }
        return Math.Sqrt(sum);
    }
}
