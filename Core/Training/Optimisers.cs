using Lnsgd.Core.Networks;
using System.Collections.Immutable;
using Lnsgd.Core.Problems;

namespace Lnsgd.Core.Training;

/// <summary>
/// The state a run carries between steps: the network, the index of the next step, and the
/// optimiser's own state (<see cref="Descent.StateLength"/> values laid out by its descent;
/// empty for a stateless one; a velocity for heavy-ball momentum).
/// </summary>
public sealed record TrainState(Network Net, long Step)
{
    /// <summary>The descent's state (empty when it has none).</summary>
    public ImmutableArray<double> OptimiserState { get; init; } = [];

    /// <summary>Equal network, step and optimiser state, element by element.</summary>
    public bool Equals(TrainState? other) =>
        other is not null && Net == other.Net && Step == other.Step && Elementwise.Equal(OptimiserState, other.OptimiserState);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Net, Step, Elementwise.Hash(OptimiserState));
}

/// <summary>
/// The pure pair (init, update) of every optimiser, in the style of optax. The update of step t
/// draws its randomness from (seed, t) only, so any step can be replayed alone.
/// </summary>
public static class Optimisers
{
    /// <summary>The state before the first step: the descent's start network (the oscillation simulation draws its own a(0)) and zero optimiser state.</summary>
    public static TrainState Init(Optimiser optimiser, Network net, ulong seed) =>
        Init(optimiser, optimiser.Descent.Start(net, seed));

    /// <summary>
    /// The state before the first step for a network that already is the run's start
    /// (<c>RunSpec.Initial</c>, which holds the oscillation's a(0)): zero optimiser state.
    /// </summary>
    public static TrainState Init(Optimiser optimiser, Network start) =>
        new(start, 0) { OptimiserState = ImmutableArray.Create(new double[optimiser.Descent.StateLength(start.M, start.D)]) };

    /// <summary>The state before the first step of a stateless gradient optimiser.</summary>
    public static TrainState Init(Network net) => new(net, 0);

    /// <summary>
    /// One step: <c>next = Update(problem, state, seed)</c>. The oracle's gradient at Θ, then the
    /// ascent (SAM: the gradient again at Θ̃, same draws), then the descent from Θ with the
    /// gradient taken at that point.
    /// </summary>
    public static TrainState Update(Optimiser optimiser, SyntheticProblem problem, TrainState state, ulong seed)
    {
        var net = state.Net;
        var g = Gradient.At(optimiser.Oracle, problem, net.Theta(), seed, state.Step);
        var (at, gAt) = optimiser.Ascent switch
        {
            Ascent.Sam sam => SamPerturbation.Ascend(sam, optimiser.Oracle, problem, net, g, seed, state.Step),
            _ => (net, g),
        };
        var (next, carried) = optimiser.Descent.Apply(net, at, gAt, state.OptimiserState, seed, state.Step);
        return new TrainState(next, state.Step + 1) { OptimiserState = carried };
    }
}
