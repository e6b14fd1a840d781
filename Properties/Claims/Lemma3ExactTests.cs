using FsCheck.Xunit;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Theory;
using Lnsgd.Core.Training;

namespace Lnsgd.Properties.Claims;

/// <summary>Lemma 3's exact per-neuron probability against the per-step identity evaluated at every (row, sign).</summary>
public class Lemma3ExactTests
{
    // ΔW_i = η⁻² × (the identity's balance change) with g = r x: an independent route to the same event.
    [Property(MaxTest = 40)]
    public bool The_exact_probability_counts_the_rows_and_signs_where_the_balance_rises(int raw, ulong seed)
    {
        var config = Generators.Config(raw, seed, 1) with { Sigma = 1.5, Optimizer = "sgd", Batch = 1 };
        var spec = RunSpec.Resolve(config);
        var (net, p) = (spec.Initial, spec.Problem);
        var exact = Lemma3Exact.PositiveProbabilities(p, net, config.Sigma);
        var theta = net.Theta();
        for (var i = 0; i < net.M; i++)
        {
            var count = 0;
            for (var row = 0; row < p.N; row++)
                foreach (var eps in new[] { -config.Sigma, config.Sigma })
                {
                    var x = p.Row(row).ToArray();
                    var r = Gradient.Residual(theta, x, p.Y[row], eps);
                    var g = x.Select(v => r * v).ToArray();
                    if (TwoLayerUpdate.BalanceChange(net.Neuron(i), net.A[i], g, 1.0) > 0) count++;
                }
            if (Math.Abs(exact[i] - count / (2.0 * p.N)) > 1e-15) return false;
        }
        return true;
    }
}
