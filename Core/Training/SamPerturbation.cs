using Lnsgd.Core.Networks;
namespace Lnsgd.Core.Training;

/// <summary>
/// SAM's ascent point Θ̃ = Θ + ρ v/‖v‖ for v = ∇_Θ ℓ = (a gᵀ, W g): w̃_i = w_i + c a_i g and
/// ã_i = a_i + c w_i·g with c = ρ/‖v‖, ‖v‖² = ‖a‖²‖g‖² + Σ_i (w_i·g)².
/// </summary>
public static class SamPerturbation
{
    /// <summary>c = ρ/‖v‖, and 0 when ρ = 0 or v = 0 (a zero gradient has no ascent direction).</summary>
    public static double Coefficient(Network net, ReadOnlySpan<double> g, double rho) => Coefficient(net, g, new Ascent.Sam(rho));

    /// <summary>c = ρ/‖v‖ by <see cref="Ascent.Sam.Coefficient"/>, the one SAM coefficient rule.</summary>
    public static double Coefficient(Network net, ReadOnlySpan<double> g, Ascent.Sam sam)
    {
        if (sam.Rho == 0.0) return 0.0;
        var aSq = Kernels.SquaredNorm(net.A.AsSpan());
        var sum = 0.0;
        for (var i = 0; i < net.M; i++) { var s = Kernels.Dot(net.Neuron(i), g); sum += s * s; }
        return sam.Coefficient(Math.Sqrt(aSq * Kernels.SquaredNorm(g) + sum));
    }

    /// <summary>
    /// SAM's ascent on the two-layer net: Θ̃ and the oracle's gradient there (same rows and noise
    /// draws as <paramref name="g"/>), or (Θ, g) itself when the coefficient is 0.
    /// </summary>
    public static (Network At, double[] G) Ascend(
        Ascent.Sam sam, GradientOracle oracle, Problems.SyntheticProblem problem, Network net, double[] g, ulong seed, long step)
    {
        var at = Apply(net, g, Coefficient(net, g, sam));
        return ReferenceEquals(at, net) ? (net, g) : (at, Gradient.At(oracle, problem, at.Theta(), seed, step));
    }

    /// <summary>Θ̃, or Θ itself (the same value) when the coefficient is 0.</summary>
    public static Network Apply(Network net, ReadOnlySpan<double> g, double c)
    {
        if (c == 0.0) return net;
        var (m, d) = (net.M, net.D);
        var w = new double[m * d];
        var a = new double[m];
        for (var i = 0; i < m; i++)
        {
            var wi = net.Neuron(i);
            var k = c * net.A[i];
            for (var j = 0; j < d; j++) w[i * d + j] = wi[j] + k * g[j];
            a[i] = net.A[i] + c * Kernels.Dot(wi, g);
        }
        return Network.Own(m, d, w, a);
    }

    /// <summary>
    /// SAM's exact per-neuron identity: with w' = w − η ã g̃ and a' = a − η w̃·g̃,
    /// Δ(‖w‖² − a²) = η²(ã²‖g̃‖² − (w̃·g̃)²) − 2ηc((w·g)(w·g̃) − a²(g·g̃)).
    /// The first-order term is SAM's own; at c = 0 it is the label-noise identity.
    /// </summary>
    public static double BalanceChange(ReadOnlySpan<double> w, double a, ReadOnlySpan<double> g, ReadOnlySpan<double> gTilde, double c, double eta)
    {
        var wg = Kernels.Dot(w, g);
        var wgt = Kernels.Dot(w, gTilde);
        var aTilde = a + c * wg;
        var wtgt = wgt + c * a * Kernels.Dot(g, gTilde);
        return eta * eta * (aTilde * aTilde * Kernels.SquaredNorm(gTilde) - wtgt * wtgt)
             - 2 * eta * c * (wg * wgt - a * a * Kernels.Dot(g, gTilde));
    }
}
