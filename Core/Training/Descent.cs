using Lnsgd.Core.Networks;
using System.Collections.Immutable;
using Lnsgd.Core.Engines;

namespace Lnsgd.Core.Training;

/// <summary>
/// The transformation that turns the gradient of an <see cref="Optimiser"/> into its step, with
/// the state it carries between steps (optax's <c>init</c>/<c>update</c> pair, here on the
/// two-layer net). The gradient arrives as g, the θ-gradient of Gradient, together with the
/// point <c>at</c> where the layer gradients ∇_W = ã gᵀ, ∇_a = W̃ g are taken (Θ itself, or
/// SAM's ascent point). Each case lives in its own file and gives both the pure step (the
/// specification) and the in-place step the engines run, with the same arithmetic in the same
/// order: a property test holds the two to the same bytes.
/// </summary>
/// <remarks>
/// To add an optimiser: derive a record from <see cref="Descent"/> in its own file, give it a
/// <see cref="ConfigName"/>, its pure <see cref="Apply"/>, its in-place <see cref="ApplyInPlace"/>,
/// its state length and whether it commutes with rotations of the neuron index (then the gram
/// engine runs it exactly); add its schema entry (Simulations/ConfigSchema.cs, Simulations/RunSpec.cs's
/// BuildOptimiser) and its tests. <c>MomentumStep</c> is the worked example.
/// </remarks>
public abstract record Descent
{
    private protected Descent() { }

    /// <summary>The step size η.</summary>
    public abstract double Eta { get; }

    /// <summary>The config spelling of an optimiser built on this descent, or null for the plain gradient step (named by its oracle).</summary>
    public abstract string? ConfigName { get; }

    /// <summary>
    /// Whether the step commutes with every rotation of the neuron index (Z' = Z M with M built
    /// from rotation invariants): then the gram engine, which steps the (d+1)-row factor K of
    /// Z = U K, runs it exactly (docs/gram-engine.md).
    /// </summary>
    public abstract bool RotationEquivariant { get; }

    /// <summary>Whether the step uses a gradient at a point, so SAM's ascent may choose that point.</summary>
    public virtual bool TakesAscent => true;

    /// <summary>Values of optimiser state for a network of <paramref name="m"/> rows of width <paramref name="d"/> (0: stateless).</summary>
    public virtual int StateLength(int m, int d) => 0;

    /// <summary>The network a run starts from, given the initialised one (the oscillation chain draws its own a(0)).</summary>
    public virtual Network Start(Network net, ulong seed) => net;

    /// <summary>
    /// The pure step: the network after step <paramref name="step"/> and the new optimiser state,
    /// from <paramref name="net"/>, the point <paramref name="at"/> the gradient <paramref name="g"/>
    /// was taken at (the same value as <paramref name="net"/> without ascent) and the state.
    /// </summary>
    public abstract (Network Net, ImmutableArray<double> State) Apply(
        Network net, Network at, double[] g, ImmutableArray<double> state, ulong seed, long step);

    /// <summary>
    /// <see cref="Apply"/> on the engine's buffers: the rows of <paramref name="net"/> move, its θ
    /// is rebuilt, and its optimiser state is updated, bit for bit as the pure step.
    /// <paramref name="wAt"/>/<paramref name="aAt"/> are the engine's own buffers without ascent.
    /// </summary>
    internal abstract void ApplyInPlace(InPlaceNetwork net, double[] wAt, double[] aAt, ReadOnlySpan<double> g, ulong seed, long step);
}
