using Lnsgd.Core.Random;

namespace Lnsgd.Core.Nonlinear;

/// <summary>
/// Label noise on the targets of a batch. A closed set: none; class noise, where each sample's
/// class is replaced with probability τ (Algorithm 1 draws the new class from the other c − 1,
/// the authors' notebook from all c, so it may redraw the true class).
/// </summary>
public abstract record TargetNoise
{
    private TargetNoise() { }

    /// <summary>Clean targets.</summary>
    public sealed record None : TargetNoise;

    /// <summary>
    /// Class noise at rate <paramref name="Rate"/>. <paramref name="OtherClass"/>: the new class is
    /// uniform on the c − 1 others (Algorithm 1); otherwise uniform on all c (the notebook).
    /// <paramref name="Fresh"/>: redrawn at every step (label noise SGD); otherwise drawn once per
    /// sample and kept (a fixed corrupted training set).
    /// </summary>
    public sealed record ClassFlip(double Rate, bool OtherClass, bool Fresh) : TargetNoise;

    /// <summary>
    /// The class training row <paramref name="row"/> is given at <paramref name="step"/>: a pure function
    /// of (seed, step, row) through <see cref="Purpose.ClassNoise"/>; word 0 decides the flip (u &lt; τ),
    /// word 1 picks the class.
    /// </summary>
    public static int NoisyClass(ClassFlip noise, int label, int classes, ulong seed, long step, int row)
    {
        if (noise.Rate <= 0.0) return label;
        var block = new RngKey(seed, Purpose.ClassNoise).Block(noise.Fresh ? step : 0, row);
        if (Draws.Unit(block.X0) >= noise.Rate) return label;
        if (!noise.OtherClass) return Draws.Index(block.X1, classes);
        if (classes < 2) return label;
        var k = Draws.Index(block.X1, classes - 1);
        return k >= label ? k + 1 : k;
    }

    /// <summary>
    /// The (noisy) targets of a batch, rows×c: <paramref name="rows"/> are the training rows of the
    /// batch slots in order. Class noise needs <paramref name="labels"/>; otherwise the rows of
    /// <paramref name="clean"/> are copied.
    /// </summary>
    public double[] Targets(double[] clean, int[]? labels, int classes, IReadOnlyList<int> rows, ulong seed, long step)
    {
        var c = classes;
        var targets = new double[rows.Count * c];
        for (var slot = 0; slot < rows.Count; slot++)
        {
            var i = rows[slot];
            switch (this)
            {
                case ClassFlip flip when labels is not null:
                    targets[slot * c + NoisyClass(flip, labels[i], c, seed, step, i)] = 1.0;
                    break;
                default:
                    clean.AsSpan(i * c, c).CopyTo(targets.AsSpan(slot * c, c));
                    break;
            }
        }
        return targets;
    }
}
