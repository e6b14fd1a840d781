using Lnsgd.Core.Networks;
using System.Collections.Immutable;
using Lnsgd.Core.Engines;

namespace Lnsgd.Core.Training;

/// <summary>
/// Heavy-ball momentum (optax's <c>trace(β)</c> then <c>scale(−η)</c>) on both layers: with the
/// layer gradients ∇_W = ã gᵀ, ∇_a = W̃ g of the oracle's g,
/// v_W ← β v_W + ∇_W, v_a ← β v_a + ∇_a, then W ← W − η v_W and a ← a − η v_a. β = 0 is the
/// plain gradient step up to rounding. The state is the velocity, laid out as v_W (m×d,
/// row-major) then v_a (m), zero at step 0.
/// </summary>
/// <remarks>
/// Rotation equivariant, so the gram engine runs it exactly: ∇_Z = Z S(g) for Z = [W a] and
/// S(g) = [[0, g], [gᵀ, 0]], so a velocity that starts at 0 stays V = U V_K in the span of U, and
/// K' = K − η V_K' is momentum on the d + 1 virtual neurons with their own velocity.
/// </remarks>
public sealed record MomentumStep(double Eta, double Beta) : Descent
{
    /// <inheritdoc />
    public override double Eta { get; } = Eta;

    /// <inheritdoc />
    public override string? ConfigName => "momentum";

    /// <inheritdoc />
    public override bool RotationEquivariant => true;

    /// <inheritdoc />
    public override int StateLength(int m, int d) => m * d + m;

    /// <inheritdoc />
    public override (Network Net, ImmutableArray<double> State) Apply(
        Network net, Network at, double[] g, ImmutableArray<double> state, ulong seed, long step)
    {
        var (m, d) = (net.M, net.D);
        var (w, a, velocity) = (net.W.ToArray(), net.A.ToArray(), state.ToArray());
        Move(w, a, velocity, at.W.AsSpan(), at.A.AsSpan(), g, m, d);
        return (Network.Own(m, d, w, a), ImmutableArray.Create(velocity));
    }

    internal override void ApplyInPlace(InPlaceNetwork net, double[] wAt, double[] aAt, ReadOnlySpan<double> g, ulong seed, long step)
    {
        var (w, a, m, d) = (net.WBuffer, net.ABuffer, net.Rows, net.D);
        Move(w, a, net.OptimiserState, wAt, aAt, g, m, d);
        Network.Theta(w, a, m, d).CopyTo(net.ThetaBuffer, 0);
    }

    // The one body of both steps, so they agree bit for bit. Neuron i reads only its own old
    // values (and those of the point `at`) before it writes them, so `at` may alias w and a.
    private void Move(Span<double> w, Span<double> a, Span<double> velocity, ReadOnlySpan<double> wAt, ReadOnlySpan<double> aAt, ReadOnlySpan<double> g, int m, int d)
    {
        var vW = velocity[..(m * d)];
        var vA = velocity[(m * d)..];
        for (var i = 0; i < m; i++)
        {
            var s = Kernels.Dot(wAt.Slice(i * d, d), g);
            var ai = aAt[i];
            var wi = w.Slice(i * d, d);
            var vi = vW.Slice(i * d, d);
            for (var j = 0; j < d; j++)
            {
                vi[j] = Beta * vi[j] + ai * g[j];
                wi[j] -= Eta * vi[j];
            }
            vA[i] = Beta * vA[i] + s;
            a[i] -= Eta * vA[i];
        }
    }
}
