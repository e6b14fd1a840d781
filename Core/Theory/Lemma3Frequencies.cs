using Lnsgd.Core.Simulations;
using Lnsgd.Core.Training;

namespace Lnsgd.Core.Theory;

/// <summary>
/// Lemma 3's per-step events, counted over steps and neurons while each neuron is still lazy
/// (‖w_i(t) − w_i(0)‖ ≤ 1/√m): ΔW_i = −r²((xᵀw_i)² − a_i²‖x‖²) ≤ 0, ≤ −(σ/4)², and &gt; 0.
/// Batch-1 SGD only: the lemma is about one sample per step.
/// </summary>
public sealed record Lemma3Frequencies(long Samples, long NonPositive, long StrongDecrease, long Positive)
{
    /// <summary>Frequency of ΔW ≤ 0.</summary>
    public double NonPositiveRate => (double)NonPositive / Samples;
    /// <summary>Frequency of ΔW ≤ −(σ/4)².</summary>
    public double StrongDecreaseRate => (double)StrongDecrease / Samples;
    /// <summary>Frequency of ΔW &gt; 0.</summary>
    public double PositiveRate => (double)Positive / Samples;

    /// <summary>Counts over the first <paramref name="steps"/> steps of a batch-1 SGD run.</summary>
    public static Lemma3Frequencies Measure(RunSpec spec, long steps)
    {
        if (spec.Optimiser is not { Oracle: GradientOracle.Sample { Batch: 1 } sgd, Ascent: Ascent.None, Descent: GradientStep } optimiser) throw new ArgumentException("Lemma 3 is about batch-1 label noise SGD");
        var (m, d, p, seed) = (spec.Config.M, spec.Config.D, spec.Problem, spec.Config.Seed);
        var strong = -Math.Pow(sgd.Noise.Sigma / 4, 2);
        long samples = 0, nonPositive = 0, strongDecrease = 0, positive = 0;
        var state = Optimisers.Init(spec.Optimiser, spec.Initial);
        for (long t = 0; t < steps; t++)
        {
            var net = state.Net;
            var row = Gradient.SampleRow(seed, t, 0, p.N);
            var x = p.Row(row);
            var r = Gradient.Residual(net.Theta(), x, p.Y[row], sgd.Noise.Draw(seed, t, 0));
            var xSq = Kernels.SquaredNorm(x);
            for (var i = 0; i < m; i++)
            {
                if (Measures.Metrics.LazyDistance(net.Neuron(i), spec.Initial.Neuron(i), m) > 1.0) continue; // √m‖Δw‖ > 1 ⇔ ‖Δw‖ > 1/√m
                var wx = Kernels.Dot(net.Neuron(i), x);
                var delta = -r * r * (wx * wx - net.A[i] * net.A[i] * xSq);
                samples++;
                if (delta <= 0) nonPositive++;
                if (delta <= strong) strongDecrease++;
                if (delta > 0) positive++;
            }
            state = Optimisers.Update(optimiser, p, state, seed);
        }
        return new Lemma3Frequencies(samples, nonPositive, strongDecrease, positive);
    }
}
