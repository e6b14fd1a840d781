namespace Lnsgd.Core.Training;

/// <summary>
/// The gradient oracle of an <see cref="Optimiser"/>: which training rows step t reads and which
/// label noise each gets. Every draw is a pure function of (seed, t, slot), so SAM's second
/// gradient and any replayed step see exactly the same rows and noise (<see cref="Gradient"/>).
/// </summary>
public abstract record GradientOracle
{
    private GradientOracle() { }

    /// <summary>Label noise SGD (Eqs. 3–4): <paramref name="Batch"/> rows drawn with replacement, one noise draw per slot.</summary>
    public sealed record Sample(int Batch, LabelNoise Noise) : GradientOracle
    {
        /// <inheritdoc />
        public override LabelNoise Noise { get; } = Noise;
    }

    /// <summary>Full batch: all n rows, row i with its own noise draw (slot i).</summary>
    public sealed record FullBatch(LabelNoise Noise) : GradientOracle
    {
        /// <inheritdoc />
        public override LabelNoise Noise { get; } = Noise;
    }

    /// <summary>The clean full-batch gradient (no label noise).</summary>
    public static GradientOracle Clean { get; } = new FullBatch(LabelNoise.Off);

    /// <summary>The label noise the oracle adds.</summary>
    public abstract LabelNoise Noise { get; }
}
