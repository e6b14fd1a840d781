using Lnsgd.Core.Networks;
using System.Collections.Immutable;
using Lnsgd.Core.Engines;

namespace Lnsgd.Core.Training;

/// <summary>
/// The plain gradient step, optax's <c>scale(−η)</c> applied to the layer gradients (Eqs. 3–4):
/// w_i ← w_i − η ã_i g and a_i ← a_i − η w̃_i·g (<see cref="TwoLayerUpdate"/>). Stateless, and
/// rotation equivariant, so the gram engine runs it.
/// </summary>
public sealed record GradientStep(double Eta) : Descent
{
    /// <inheritdoc />
    public override double Eta { get; } = Eta;

    /// <inheritdoc />
    public override string? ConfigName => null;

    /// <inheritdoc />
    public override bool RotationEquivariant => true;

    /// <inheritdoc />
    public override (Network Net, ImmutableArray<double> State) Apply(
        Network net, Network at, double[] g, ImmutableArray<double> state, ulong seed, long step) =>
        (TwoLayerUpdate.ApplyAt(net, at, g, Eta), state);

    internal override void ApplyInPlace(InPlaceNetwork net, double[] wAt, double[] aAt, ReadOnlySpan<double> g, ulong seed, long step) =>
        net.GradientStep(wAt, aAt, g, Eta);
}
