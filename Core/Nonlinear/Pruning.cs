namespace Lnsgd.Core.Nonlinear;

/// <summary>
/// Global unstructured magnitude pruning (what torch.nn.utils.prune.global_unstructured with L1
/// does): of all weights in W and A together, keep the largest in |value| and set the rest to zero.
/// Biases are kept. Ties are broken by position, so the result is deterministic.
/// </summary>
public static class Pruning
{
    /// <summary><paramref name="net"/> with only the ⌈fraction · count⌉ largest-magnitude weights kept.</summary>
    public static TwoLayerNet Keep(TwoLayerNet net, double fraction)
    {
        if (!(fraction >= 0 && fraction <= 1)) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "the kept fraction must be in [0, 1]");
        var s = net.Spec;
        var theta = net.Theta.AsSpan().ToArray();
        var positions = Enumerable.Range(s.OffsetW, s.M * s.D).Concat(Enumerable.Range(s.OffsetA, s.C * s.M)).ToArray();
        var keep = (int)Math.Ceiling(fraction * positions.Length - 1e-9);
        if (keep >= positions.Length) return net;
        var magnitudes = positions.Select(p => Math.Abs(theta[p])).ToArray();
        // Sort descending by magnitude; Array.Sort is unstable, so the position is a second key.
        var order = positions.Select((p, i) => (Magnitude: magnitudes[i], Position: p)).ToArray();
        Array.Sort(order, (u, v) => u.Magnitude != v.Magnitude ? v.Magnitude.CompareTo(u.Magnitude) : u.Position.CompareTo(v.Position));
        for (var i = keep; i < order.Length; i++) theta[order[i].Position] = 0.0;
        return TwoLayerNet.Own(s, theta);
    }

    /// <summary>The number of nonzero weights in W and A.</summary>
    public static int NonzeroWeights(TwoLayerNet net) =>
        net.W.ToArray().Count(v => v != 0.0) + net.A.ToArray().Count(v => v != 0.0);
}
