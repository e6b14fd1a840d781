using Lnsgd.Core.Networks;
using System.Collections.Immutable;
using Lnsgd.Core.Engines;

namespace Lnsgd.Core.Training;

/// <summary>
/// Langevin dynamics (SGLD with the full-batch gradient): the plain gradient step, then
/// isotropic Gaussian noise on every parameter of W and a. Its per-parameter standard
/// deviation s(t) gives the step the same expected squared size as label noise ±σ(t) at
/// batch 1 (see <see cref="IsotropicNoise"/>): HaoChen et al. (2021) predict that noise of
/// this shape, unlike label noise, carries no implicit bias towards sparse, aligned weights.
/// The noise leaves the span of the initial weights, so the gram engine cannot run it.
/// </summary>
public sealed record LangevinStep(double Eta, double Sigma, NoiseSchedule Schedule) : Descent
{
    /// <inheritdoc />
    public override double Eta { get; } = Eta;

    /// <inheritdoc />
    public override string? ConfigName => "langevin";

    /// <inheritdoc />
    public override bool RotationEquivariant => false;

    /// <inheritdoc />
    public override (Network Net, ImmutableArray<double> State) Apply(
        Network net, Network at, double[] g, ImmutableArray<double> state, ulong seed, long step) =>
        (IsotropicNoise.Add(TwoLayerUpdate.ApplyAt(net, at, g, Eta), IsotropicNoise.Scale(this, net, step), seed, step), state);

    // The pure step's order: TwoLayerUpdate's arithmetic, then IsotropicNoise.Add's, then θ summed
    // over neurons in index order as Network.Theta does.
    internal override void ApplyInPlace(InPlaceNetwork net, double[] wAt, double[] aAt, ReadOnlySpan<double> g, ulong seed, long step)
    {
        var (w, a, m, d) = (net.WBuffer, net.ABuffer, net.Rows, net.D);
        var s = IsotropicNoise.Scale(this, Kernels.SquaredNorm(w), Kernels.SquaredNorm(a), m, d, step);
        if (s == 0.0) { net.GradientStep(wAt, aAt, g, Eta); return; }
        var theta = net.ThetaBuffer.AsSpan();
        theta.Clear();
        Span<double> z = stackalloc double[d + 1];
        for (var i = 0; i < m; i++)
        {
            var wi = w.AsSpan(i * d, d);
            IsotropicNoise.Fill(seed, step, i, z);
            var dot = Kernels.Dot(wAt.AsSpan(i * d, d), g);
            var c = Eta * aAt[i];
            var ai = a[i] - Eta * dot;
            for (var j = 0; j < d; j++)
            {
                var updated = wi[j] - c * g[j];
                wi[j] = updated + s * z[j];
            }
            ai += s * z[d];
            a[i] = ai;
            for (var j = 0; j < d; j++) theta[j] += ai * wi[j];
        }
    }
}
