using Lnsgd.Core.Random;

namespace Lnsgd.Core.Training;

/// <summary>
/// Label noise: the value ε added to a label at one step and batch slot. A pure function of
/// (seed, step, slot); σ = 0 turns it off and gives plain SGD / GD.
/// </summary>
public sealed record LabelNoise(NoiseLaw Law, double Sigma, NoiseSchedule Schedule)
{
    /// <summary>No label noise at all.</summary>
    public static LabelNoise Off { get; } = new(new NoiseLaw.Rademacher(), 0.0, new NoiseSchedule.Constant());

    /// <summary>The level σ(t) at step <paramref name="step"/>.</summary>
    public double LevelAt(long step) => Sigma * Schedule.Factor(step);

    /// <summary>ε for batch slot <paramref name="slot"/> of step <paramref name="step"/>.</summary>
    public double Draw(ulong seed, long step, long slot)
    {
        var level = LevelAt(step);
        if (level == 0.0) return 0.0;
        return Scaled(level, new RngKey(seed, Purpose.LabelNoise).Block(step, slot));
    }

    /// <summary>ε at level <paramref name="level"/> (nonzero) from the slot's Philox block: the law's draw, times the level.</summary>
    internal double Scaled(double level, Block block) => Law switch
    {
        NoiseLaw.Rademacher => level * Draws.Sign(block.X0),
        NoiseLaw.Gaussian => level * Draws.Normal(block),
        _ => throw new InvalidOperationException($"unknown noise law {Law}"),
    };
}
