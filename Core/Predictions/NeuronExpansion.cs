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
