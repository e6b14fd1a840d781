using Lnsgd.Core.Networks;
using MathNet.Numerics.LinearAlgebra;
using Lnsgd.Core.Engines;
using Lnsgd.Core.Measures;
using Lnsgd.Core.Problems;

namespace Lnsgd.Core.Predictions;

/// <summary>
/// The rows the flow runs on and the way back to the m neurons. For m &gt; d + 1 the rows are the
/// gram engine's virtual network K₀ (Z₀ = U K₀) and a flowed K expands as Z₀ + U(K − K₀), the
/// gram engine's own expansion; the flow is right-multiplication, so this is exact
/// (docs/prediction.md §2). For m ≤ d + 1 the rows are all neurons.
/// </summary>
public sealed class NeuronExpansion
{
    private readonly GramFactor? _factor;
    private readonly Network _initial;

    private NeuronExpansion(GramFactor? factor, Network initial, Matrix<double> rows) => (_factor, _initial, Rows) = (factor, initial, rows);

    /// <summary>The starting rows: K₀, or Z₀ itself.</summary>
    public Matrix<double> Rows { get; }

    /// <summary>The width m.</summary>
    public int M => _initial.M;

    /// <summary>The expansion of an initial network.</summary>
    public static NeuronExpansion Of(Network initial)
    {
        var factor = initial.M > initial.D + 1 ? GramFactor.Of(initial) : null;
        var source = factor?.Virtual ?? initial;
        return new NeuronExpansion(factor, initial, RowsOf(source));
    }

    /// <summary>Z = [W a] of a network as a matrix.</summary>
    public static Matrix<double> RowsOf(Network net) =>
        Matrix<double>.Build.Dense(net.M, net.D + 1, (i, j) => j < net.D ? net.W[i * net.D + j] : net.A[i]);

    /// <summary>
    /// Mean and min over neurons of E|cos(w_i, θ⋆)| when the network fluctuates around the rows
    /// along Γ's normal directions, δw_i = a_i u with u of covariance <paramref name="u"/>
    /// (docs/prediction.md §5). The signed cosine c = w·t/‖w‖ (t = θ⋆/‖θ⋆‖) is taken as normal,
    /// with its second-order mean c(w̄) + ½a² tr(∇²c U) and first-order variance a² ∇cᵀU∇c, and
    /// E|c| is its folded mean. The collective kick tilts every neuron, so a run's mean |cos|
    /// settles below 1 where the flow's own rows align exactly.
    /// </summary>
    public (double Mean, double Min) ExpectedCosines(Matrix<double> rows, Matrix<double> u, Vector<double> thetaStar)
    {
        var d = _initial.D;
        var tv = thetaStar / thetaStar.L2Norm();
        var (along, trace) = (tv * (u * tv), u.Trace());
        var (t, ut, um) = (tv.ToArray(), (u * tv).ToArray(), u.ToRowMajorArray());
        double[]? change = null;
        if (_factor is not null)
        {
            var (kW, kA) = (new double[rows.RowCount * d], new double[rows.RowCount]);
            for (var v = 0; v < rows.RowCount; v++)
            {
                for (var j = 0; j < d; j++) kW[v * d + j] = rows[v, j];
                kA[v] = rows[v, d];
            }
            change = _factor.Change(kW, kA);
        }
        // Fixed chunks on all cores, summed in chunk order: the result depends on m only.
        var chunks = (M + NeuronTally.ChunkNeurons - 1) / NeuronTally.ChunkNeurons;
        var (sums, mins) = (new double[chunks], new double[chunks]);
        Parallel.For(0, chunks, k =>
        {
            var (w, scratch, uw) = (new double[d], new double[d + 1], new double[d]);
            var (sum, min) = (0.0, double.PositiveInfinity);
            for (var i = k * NeuronTally.ChunkNeurons; i < Math.Min(M, (k + 1) * NeuronTally.ChunkNeurons); i++)
            {
                double a;
                if (_factor is null)
                {
                    for (var j = 0; j < d; j++) w[j] = rows[i, j];
                    a = rows[i, d];
                }
                else a = _factor.Neuron(i, change, w, scratch);
                var (wt, normSq, wUt, wUw) = (0.0, 0.0, 0.0, 0.0);
                for (var j = 0; j < d; j++)
                {
                    var sj = 0.0;
                    for (var l = 0; l < d; l++) sj += um[j * d + l] * w[l];
                    uw[j] = sj;
                }
                for (var j = 0; j < d; j++)
                {
                    wt += w[j] * t[j];
                    normSq += w[j] * w[j];
                    wUt += w[j] * ut[j];
                    wUw += w[j] * uw[j];
                }
                var cos = 0.0;
                if (normSq > 0)
                {
                    var norm = Math.Sqrt(normSq);
                    var c = wt / norm;
                    // ½a² tr(∇²c U) with ∇²c = −(t wᵀ + w tᵀ)/‖w‖³ − c I/‖w‖² + 3(w·t) w wᵀ/‖w‖⁵.
                    var mean = c + 0.5 * a * a * (-2 * wUt / (normSq * norm) - c * trace / normSq + 3 * wt * wUw / (normSq * normSq * norm));
                    // a² ∇cᵀU∇c with ∇c = t/‖w‖ − (w·t) w/‖w‖³.
                    var variance = a * a * (along / normSq - 2 * wt * wUt / (normSq * normSq) + wt * wt * wUw / (normSq * normSq * normSq));
                    cos = FoldedMean(mean, Math.Max(variance, 0));
                }
                (sum, min) = (sum + cos, Math.Min(min, cos));
            }
            (sums[k], mins[k]) = (sum, min);
        });
        var total = 0.0;
        foreach (var part in sums) total += part;
        return (total / M, mins.Min());
    }

    // E|X| for X normal with mean μ and variance v.
    private static double FoldedMean(double mu, double v)
    {
        if (!(v > 0)) return Math.Abs(mu);
        var s = Math.Sqrt(v);
        return s * Math.Sqrt(2 / Math.PI) * Math.Exp(-mu * mu / (2 * v)) + mu * MathNet.Numerics.SpecialFunctions.Erf(mu / (s * Math.Sqrt(2)));
    }

    /// <summary>The metrics.csv row of the expanded network (per-neuron columns included), against the initial weights.</summary>
    public MetricRow Measure(Matrix<double> rows, long step, SyntheticProblem problem)
    {
        var d = _initial.D;
        var tally = new NeuronTally(problem, M);
        var w = new double[d];
        var scratch = new double[d + 1];
        if (_factor is null)
        {
            for (var i = 0; i < M; i++)
            {
                for (var j = 0; j < d; j++) w[j] = rows[i, j];
                tally.Add(w, rows[i, d], _initial.Neuron(i));
            }
            return tally.Row(step);
        }
        var kW = new double[rows.RowCount * d];
        var kA = new double[rows.RowCount];
        for (var v = 0; v < rows.RowCount; v++)
        {
            for (var j = 0; j < d; j++) kW[v * d + j] = rows[v, j];
            kA[v] = rows[v, d];
        }
        var change = _factor.Change(kW, kA);
        for (var i = 0; i < M; i++)
        {
            var a = _factor.Neuron(i, change, w, scratch);
            tally.Add(w, a, _initial.Neuron(i));
        }
        return tally.Row(step);
    }
}
