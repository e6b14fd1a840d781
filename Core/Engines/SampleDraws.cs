using Lnsgd.Core.Problems;
using Lnsgd.Core.Training;

namespace Lnsgd.Core.Engines;

/// <summary>
/// The sampled row and the label noise of batch-of-one SGD for a window of steps, drawn ahead.
/// A step's draws are a pure function of (seed, step) (docs/RNG.md), independent of the network,
/// so drawing them a window at a time gives the same values as drawing them at their step; what
/// changes is that the Philox blocks of successive steps no longer wait on each other's latency
/// between network updates, but overlap in one tight loop.
/// </summary>
internal sealed class SampleDraws
{
    /// <summary>Steps drawn at a time.</summary>
    public const int Window = 256;

    private readonly Optimiser.Sgd _sgd;
    private readonly SyntheticProblem _problem;
    private readonly ulong _seed;
    private readonly int[] _rows = new int[Window];
    private readonly double[] _noise = new double[Window];
    private long _from = long.MinValue;

    public SampleDraws(Optimiser.Sgd sgd, SyntheticProblem problem, ulong seed) => (_sgd, _problem, _seed) = (sgd, problem, seed);

    /// <summary>Whether these are the draws of this optimiser, problem and seed.</summary>
    public bool For(Optimiser.Sgd sgd, SyntheticProblem problem, ulong seed) =>
        ReferenceEquals(sgd, _sgd) && ReferenceEquals(problem, _problem) && seed == _seed;

    /// <summary>(row, ε) of step <paramref name="step"/>: <see cref="Gradient.SampleRow"/> and <see cref="LabelNoise.Draw"/> at slot 0.</summary>
    public (int Row, double Noise) At(long step)
    {
        var k = step - _from;
        if ((ulong)k >= Window) { Fill(step); k = 0; }
        return (_rows[k], _noise[k]);
    }

    private void Fill(long from)
    {
        _from = from;
        var n = _problem.N;
        for (var k = 0; k < Window; k++)
        {
            var t = from + k;
            _rows[k] = Gradient.SampleRow(_seed, t, 0, n);
            _noise[k] = _sgd.Noise.Draw(_seed, t, 0);
        }
    }
}
