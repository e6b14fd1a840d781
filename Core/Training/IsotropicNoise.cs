using Lnsgd.Core.Networks;
using Lnsgd.Core.Random;

namespace Lnsgd.Core.Training;

/// <summary>
/// The noise of <see cref="LangevinStep"/>. Label noise ε = ±σ moves the parameters by
/// η ε ∇_Θ f(x) = η ε (a xᵀ, W x), of expected squared size η²σ²(‖a‖² E‖x‖² + E‖Wx‖²) =
/// η²σ²(d‖a‖² + ‖W‖_F²) for x ~ N(0, I_d). Spreading that equally over the m(d+1) parameters
/// gives the isotropic standard deviation s = ησ √((d‖a‖² + ‖W‖_F²) / (m(d+1))), taken at the
/// state before the step: the same per-step variance as label noise, on average over the data.
/// </summary>
public static class IsotropicNoise
{
    /// <summary>s(t) for the network before step <paramref name="step"/>.</summary>
    public static double Scale(LangevinStep l, Network net, long step) =>
        Scale(l, Kernels.SquaredNorm(net.W.AsSpan()), Kernels.SquaredNorm(net.A.AsSpan()), net.M, net.D, step);

    /// <summary>s(t) from ‖W‖_F² and ‖a‖² (the in-place engine passes its own sums).</summary>
    public static double Scale(LangevinStep l, double wSq, double aSq, int m, int d, long step)
    {
        var level = l.Sigma * l.Schedule.Factor(step);
        return l.Eta * level * Math.Sqrt((d * aSq + wSq) / ((double)m * (d + 1)));
    }

    /// <summary>
    /// The d + 1 standard normals of neuron i at step t into <paramref name="z"/>: z_j for W_ij
    /// (j &lt; d), z_d for a_i. Both Box–Muller branches of one Philox block are used: normals 2q
    /// and 2q + 1 come from the block at counter (t, i·⌈(d+1)/2⌉ + q), cosine then sine
    /// (docs/RNG.md), which halves the cost of the m(d+1) draws per step.
    /// </summary>
    public static void Fill(ulong seed, long step, int i, Span<double> z)
    {
        var key = new RngKey(seed, Purpose.ParameterNoise);
        var blocks = (z.Length + 1) / 2;
        for (var q = 0; q < blocks; q++)
        {
            var b = key.Block(step, (long)i * blocks + q);
            var radius = Math.Sqrt(-2.0 * Math.Log(Draws.OpenUnit(b.X0)));
            var angle = 2.0 * Math.PI * Draws.Unit(b.X1);
            z[2 * q] = radius * Math.Cos(angle);
            if (2 * q + 1 < z.Length) z[2 * q + 1] = radius * Math.Sin(angle);
        }
    }

    /// <summary><paramref name="net"/> with s·z added to every weight (unchanged when s = 0).</summary>
    public static Network Add(Network net, double s, ulong seed, long step)
    {
        if (s == 0.0) return net;
        var (m, d) = (net.M, net.D);
        var w = new double[m * d];
        var a = new double[m];
        var z = new double[d + 1];
        for (var i = 0; i < m; i++)
        {
            var wi = net.Neuron(i);
            Fill(seed, step, i, z);
            for (var j = 0; j < d; j++) w[i * d + j] = wi[j] + s * z[j];
            a[i] = net.A[i] + s * z[d];
        }
        return Network.Own(m, d, w, a);
    }
}
