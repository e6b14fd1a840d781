using Lnsgd.Core.Problems;

namespace Lnsgd.Core.Training;

/// <summary>The state a run carries between steps: the network and the index of the next step.</summary>
public sealed record TrainState(Network.Network Net, long Step);

/// <summary>
/// The pure pair (init, update) of every optimiser, in the style of optax. The update of step t
/// draws its randomness from (seed, t) only, so any step can be replayed alone.
/// </summary>
public static class Optimisers
{
    /// <summary>The state before the first step.</summary>
    public static TrainState Init(Network.Network net) => new(net, 0);

    /// <summary>One step: <c>next = Update(problem, state, seed)</c>.</summary>
    public static TrainState Update(Optimiser optimiser, SyntheticProblem problem, TrainState state, ulong seed)
    {
        var theta = state.Net.Theta();
        var g = Gradient.At(optimiser, problem, theta, seed, state.Step);
        return new TrainState(TwoLayerUpdate.Apply(state.Net, g, optimiser.Eta), state.Step + 1);
    }
}
