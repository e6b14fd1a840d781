using Lnsgd.Core.Problems;
using Lnsgd.Core.Training;

namespace Lnsgd.Core.Engines;

/// <summary>
/// The fast path of <see cref="Optimisers.Update"/>: the same arithmetic in the same order on
/// mutable buffers, with θ for the next step accumulated while the neurons are updated.
/// Properties/ proves it bit-identical to the pure step. Owned by one run; not thread-safe.
/// </summary>
internal sealed class InPlaceNetwork
{
    private readonly int _m, _d;
    private readonly double[] _w, _a, _theta, _g;

    public InPlaceNetwork(Network.Network start)
    {
        (_m, _d) = (start.M, start.D);
        _w = start.W.ToArray();
        _a = start.A.ToArray();
        _theta = start.Theta();
        _g = new double[_d];
    }

    public ReadOnlySpan<double> Theta => _theta;

    /// <summary>A copy of the current weights as an immutable network.</summary>
    public Network.Network Snapshot() => Network.Network.Own(_m, _d, (double[])_w.Clone(), (double[])_a.Clone());

    /// <summary>Step <paramref name="step"/> of <paramref name="optimiser"/>; returns the gradient's first non-finite flag.</summary>
    public bool Step(Optimiser optimiser, SyntheticProblem problem, ulong seed, long step)
    {
        Gradient.Into(_g, optimiser, problem, _theta, seed, step);
        Apply(_g, optimiser.Eta);
        return IsFinite(_theta);
    }

    /// <summary>w_i ← w_i − η a_i g, a_i ← a_i − η w_i·g, then θ ← Σ_i a_i w_i in neuron order.</summary>
    public void Apply(ReadOnlySpan<double> g, double eta)
    {
        var theta = _theta.AsSpan();
        theta.Clear();
        for (var i = 0; i < _m; i++)
        {
            var wi = _w.AsSpan(i * _d, _d);
            var ai = _a[i];
            var s = VectorKernels.Dot(wi, g);
            var c = eta * ai;
            ai -= eta * s;
            _a[i] = ai;
            VectorKernels.UpdateNeuron(wi, c, g, theta, ai);
        }
    }

    private static bool IsFinite(ReadOnlySpan<double> v)
    {
        foreach (var x in v) if (!double.IsFinite(x)) return false;
        return true;
    }
}
