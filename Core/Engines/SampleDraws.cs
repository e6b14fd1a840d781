using Lnsgd.Core.Problems;
using Lnsgd.Core.Random;
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

    private readonly GradientOracle.Sample _sgd;
    private readonly SyntheticProblem _problem;
    private readonly ulong _seed;
    private readonly int[] _rows = new int[Window];
    private readonly double[] _noise = new double[Window];
    private long _from = long.MinValue;

    public SampleDraws(GradientOracle.Sample sgd, SyntheticProblem problem, ulong seed) => (_sgd, _problem, _seed) = (sgd, problem, seed);

    /// <summary>Whether these are the draws of this oracle, problem and seed.</summary>
    public bool For(GradientOracle.Sample sgd, SyntheticProblem problem, ulong seed) =>
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
        var noise = _sgd.Noise;
        var k = 0;
        if (PhiloxLanes.IsSupported)
        {
            // Hoisted: a constant schedule's level, and whether the law is Rademacher (ε = level·sign).
            var constant = noise.Schedule is NoiseSchedule.Constant;
            var level0 = noise.LevelAt(0);
            var rademacher = noise.Law is NoiseLaw.Rademacher;
            Span<Block> rows = stackalloc Block[4], labels = stackalloc Block[4];
            ref var rowsOut = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(_rows);
            ref var noiseOut = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(_noise);
            for (; k < Window; k += 4)
            {
                var t = from + k;
                PhiloxLanes.Blocks((ulong)t, _seed, (ulong)Purpose.SampleIndex, (ulong)Purpose.LabelNoise, rows, labels);
                for (var l = 0; l < 4; l++)
                {
                    // Gradient.SampleRow and LabelNoise.Draw at slot 0, from blocks drawn four at a time.
                    System.Runtime.CompilerServices.Unsafe.Add(ref rowsOut, k + l) = Draws.Index(rows[l].X0, n);
                    var level = constant ? level0 : noise.LevelAt(t + l);
                    System.Runtime.CompilerServices.Unsafe.Add(ref noiseOut, k + l) =
                        level == 0.0 ? 0.0 : rademacher ? level * Draws.Sign(labels[l].X0) : noise.Scaled(level, labels[l]);
                }
            }
        }
        for (; k < Window; k++)
        {
            var t = from + k;
            _rows[k] = Gradient.SampleRow(_seed, t, 0, n);
            _noise[k] = noise.Draw(_seed, t, 0);
        }
    }
}
