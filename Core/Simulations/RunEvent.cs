using Lnsgd.Core.Networks;
using System.Collections.Immutable;
using Lnsgd.Core.Measures;

namespace Lnsgd.Core.Simulations;

/// <summary>The traced neuron at one record: (‖w_i‖², ⟨w_i, θ⋆⟩, a_i), the axes of Fig. 2(c).</summary>
public sealed record TracePoint(long Step, double WSq, double Align, double A);

/// <summary>
/// (‖w_i‖², ⟨w_i, θ⋆⟩) of the neurons <paramref name="Neurons"/> (increasing indices; a run's
/// <see cref="RunSpec.SnapshotNeurons"/>) at one step: the bottom row of Fig. 2.
/// </summary>
public sealed record NeuronSnapshot(long Step, ImmutableArray<int> Neurons, ImmutableArray<double> WSq, ImmutableArray<double> Align)
{
    /// <summary>A snapshot of every neuron 0 … k−1, in index order.</summary>
    public NeuronSnapshot(long step, ImmutableArray<double> wSq, ImmutableArray<double> align)
        : this(step, [.. Enumerable.Range(0, wSq.Length)], wSq, align) { }

    /// <summary>Same step, neurons and values, element by element.</summary>
    public bool Equals(NeuronSnapshot? other) =>
        other is not null && Step == other.Step && Elementwise.Equal(Neurons, other.Neurons)
        && Elementwise.Equal(WSq, other.WSq) && Elementwise.Equal(Align, other.Align);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Step, Elementwise.Hash(Neurons), Elementwise.Hash(WSq), Elementwise.Hash(Align));
}

/// <summary>What a run reports as it goes. A closed hierarchy; the stream ends with Finished, Diverged or Stopped.</summary>
public abstract record RunEvent
{
    private RunEvent() { }

    /// <summary>
    /// Metrics and the traced neuron after <c>Row.Step</c> steps, and the full network at that
    /// step for consumers that measure more (phase detection). The network is formed on first
    /// use of <see cref="Net"/> (from an immutable copy of the engine's state, so any time later
    /// gives the same bytes): most consumers never pay for the m × d expansion.
    /// </summary>
    public sealed record Recorded(MetricRow Row, TracePoint Trace, Func<Network> FormNet) : RunEvent
    {
        /// <summary>The full network at <c>Row.Step</c>.</summary>
        public Network Net => FormNet();
    }

    /// <summary>A per-neuron snapshot.</summary>
    public sealed record Snapshot(NeuronSnapshot Value) : RunEvent;

    /// <summary>The run completed; <paramref name="Final"/> holds the last weights.</summary>
    public sealed record Finished(Network Final) : RunEvent;

    /// <summary>
    /// A value became non-finite during step <paramref name="Step"/> (1-based count of steps taken).
    /// <paramref name="StableEta"/> is 2/λ_max of the curvature at initialisation.
    /// </summary>
    public sealed record Diverged(long Step, string Quantity, double StableEta) : RunEvent
    {
        /// <summary>What happened to <see cref="Quantity"/>: "is not finite", or how far past the <see cref="RunawayRule"/> it went.</summary>
        public string Reason { get; init; } = "is not finite";
    }

    /// <summary>
    /// A checkpoint before step <c>Value.State.Step</c>, every <see cref="RunControl.CheckpointEvery"/>
    /// steps; the run goes on.
    /// </summary>
    public sealed record Checkpointed(Checkpoint Value) : RunEvent;

    /// <summary>The run stopped early on request (<see cref="RunControl.StopBefore"/>); <paramref name="Value"/> continues it.</summary>
    public sealed record Stopped(Checkpoint Value) : RunEvent;
}
