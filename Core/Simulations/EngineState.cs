using System.Collections.Immutable;
using Lnsgd.Core.Engines;

namespace Lnsgd.Core.Simulations;

/// <summary>
/// The stepper's own state after <paramref name="Step"/> steps: exactly the buffers the next
/// step reads. On the dense engine they are the network's W (m×d, row-major) and a; on the gram
/// engine they are the virtual network K ((d+1)×d and d+1) — U and the start network are
/// re-derived from the spec by the same deterministic factorisation. <paramref name="Theta"/> is the θ the
/// next gradient uses; the kernel accumulates it in neuron order, so it always equals Wᵀa summed
/// in that order, which <see cref="Checkpoint.Check"/> verifies bit for bit. Nothing else is
/// state: the RNG is counter-based, SAM's perturbed point is rebuilt each step, the
/// oscillation chain's state is a itself, and a descent's own state (momentum's velocity) is
/// <see cref="OptimiserState"/>.
/// </summary>
public sealed record EngineState(
    long Step, Engine Engine, int Rows, int D, ImmutableArray<double> W, ImmutableArray<double> A, ImmutableArray<double> Theta)
{
    /// <summary>The optimiser's state in the engine's rows (<see cref="Training.Descent.StateLength"/> values; empty when stateless).</summary>
    public ImmutableArray<double> OptimiserState { get; init; } = [];

    /// <summary>Equal scalars and equal buffers, element by element.</summary>
    public bool Equals(EngineState? other) =>
        other is not null && (Step, Engine, Rows, D) == (other.Step, other.Engine, other.Rows, other.D)
        && Elementwise.Equal(W, other.W) && Elementwise.Equal(A, other.A) && Elementwise.Equal(Theta, other.Theta)
        && Elementwise.Equal(OptimiserState, other.OptimiserState);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Step, Engine, Rows, D, Elementwise.Hash(W), Elementwise.Hash(A), Elementwise.Hash(Theta), Elementwise.Hash(OptimiserState));
}
