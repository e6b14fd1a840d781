using FsCheck.Xunit;
using Lnsgd.Core.Engines;
using Lnsgd.Core.Measures;
using Lnsgd.Core.Simulations;

namespace Lnsgd.Properties;

/// <summary>The gram engine (O(d²) per step) and the dense engine (O(md)) run the same dynamics.</summary>
public class EngineEquivalenceTests
{
    /// <summary>A generated config with m &gt; d + 1 and η at a quarter of the stable step at initialisation.</summary>
    private static RunConfig Config(int raw, ulong seed, long steps)
    {
        var c = Generators.Config(raw, seed, steps);
        var r = (uint)raw / 7;
        var m = c.D + 2 + (int)(r % 30);
        c = c with { M = m, RecordEvery = Math.Max(1, steps / 4), NTest = 20 };
        var spec = RunSpec.Resolve(c with { Eta = 1.0 });
        var curvature = c.Optimizer == "sgd" ? Curvature.PerSample(spec.Problem, spec.Initial) : Curvature.FullBatch(spec.Problem, spec.Initial);
        return c with { Eta = 0.25 * Curvature.StableStepSize(curvature) };
    }

    private static double RelativeGap(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var scale = Math.Max(a.Max(Math.Abs), b.Max(Math.Abs));
        return scale == 0 ? 0 : a.Zip(b, (x, y) => Math.Abs(x - y)).Max() / scale;
    }

    [Property(MaxTest = 25)]
    public bool Gram_and_dense_agree_after_ten_thousand_steps(int raw, ulong seed)
    {
        var spec = RunSpec.Resolve(Config(raw, seed, 10_000));
        var dense = Simulation.Collect(spec, Engine.Dense);
        var gram = Simulation.Collect(spec, Engine.Gram);
        if (dense.Final is null || gram.Final is null) return dense.Divergence?.Step == gram.Divergence?.Step;
        if (RelativeGap(dense.Final.W, gram.Final.W) > 1e-9 || RelativeGap(dense.Final.A, gram.Final.A) > 1e-9) throw new Exception($"W gap {RelativeGap(dense.Final.W, gram.Final.W)} a gap {RelativeGap(dense.Final.A, gram.Final.A)} eta {spec.Config.Eta} W {string.Join(",", dense.Final.W)} Wg {string.Join(",", gram.Final.W)} a {string.Join(",", dense.Final.A)} ag {string.Join(",", gram.Final.A)}");
        if (RelativeGap(dense.Final.Theta(), gram.Final.Theta()) > 1e-9) return false;
        // Every metric, relative to the larger of its two values and its value at step 0.
        for (var k = 0; k < dense.Rows.Length; k++)
        {
            var (a, b, first) = (dense.Rows[k].Values(), gram.Rows[k].Values(), dense.Rows[0].Values());
            for (var c = 0; c < a.Length; c++)
            {
                var scale = Math.Max(Math.Max(Math.Abs(a[c]), Math.Abs(b[c])), Math.Abs(first[c]));
                if (Math.Abs(a[c] - b[c]) > 1e-9 * scale + 1e-300) throw new Exception($"row {k} col {c} dense {a[c]:R} gram {b[c]:R} first {first[c]:R}");
            }
        }
        return true;
    }

    [Property(MaxTest = 50)]
    public bool The_gram_factor_has_the_networks_gram_matrix_and_theta(int raw, ulong seed)
    {
        var spec = RunSpec.Resolve(Config(raw, seed, 1));
        var factor = GramFactor.Of(spec.Initial);
        static MathNet.Numerics.LinearAlgebra.Matrix<double> Gram(Lnsgd.Core.Networks.Network n)
        {
            var z = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n.M, n.D + 1, (i, j) => j < n.D ? n.W[i * n.D + j] : n.A[i]);
            return z.TransposeThisAndMultiply(z);
        }
        var (g, gk) = (Gram(spec.Initial), Gram(factor.Virtual));
        return factor.Virtual.M == spec.Config.D + 1
            && (g - gk).Enumerate().Max(Math.Abs) <= 1e-12 * g.Enumerate().Max(Math.Abs)
            && RelativeGap(factor.Virtual.Theta(), spec.Initial.Theta()) < 1e-12;
    }
}
