using System.Collections.Immutable;
using Lnsgd.Core.Random;

namespace Lnsgd.Core.Simulations;

/// <summary>
/// The neurons whose (‖w_i‖², ⟨w_i, θ⋆⟩) a run snapshots (<c>snapshot_neurons</c>): a seeded
/// uniform sample of at most <c>count</c> of the m neurons that always holds the traced one, so
/// snapshots, <c>snapshots.csv</c> and the neuron-cloud figure stay the same size at any width.
/// </summary>
public static class NeuronSample
{
    /// <summary>
    /// The sampled neuron indices in increasing order: all m when <paramref name="count"/> is null
    /// (<c>all</c>) or at least m, none when it is 0, else <paramref name="traced"/> and
    /// count − 1 others drawn without replacement from the remaining m − 1 by Floyd's algorithm
    /// (draw j uses Philox at (seed, <see cref="Purpose.NeuronSample"/>, 0, j)). O(count) time and
    /// memory whatever m is; a pure function of its arguments.
    /// </summary>
    public static ImmutableArray<int> Of(int m, int? count, int traced, ulong seed)
    {
        if (count is not { } k || k >= m) return [.. Enumerable.Range(0, m)];
        if (k <= 0) return [];
        var key = new RngKey(seed, Purpose.NeuronSample);
        // Floyd: for j = p−q … p−1 draw t uniform on [0, j]; take t, or j if t is already taken.
        var (pool, others) = (m - 1, k - 1);
        var chosen = new HashSet<int>(k);
        for (var j = pool - others; j < pool; j++)
        {
            var t = key.Index(0, j, j + 1);
            chosen.Add(chosen.Contains(t) ? j : t);
        }
        // Indices of the pool skip the traced neuron.
        return [.. chosen.Select(i => i >= traced ? i + 1 : i).Append(traced).Order()];
    }
}
