namespace Lnsgd.Core.Training;

/// <summary>The law of one label-noise draw ε, before scaling by σ. A closed hierarchy.</summary>
public abstract record NoiseLaw
{
    private NoiseLaw() { }

    /// <summary>ε = ±σ with probability ½ each (the paper's Eqs. 3–4): variance σ².</summary>
    public sealed record Rademacher : NoiseLaw;

    /// <summary>ε ~ N(0, σ²).</summary>
    public sealed record Gaussian : NoiseLaw;

    /// <summary>The config spelling: <c>rademacher</c> or <c>gaussian</c>.</summary>
    public string Name => this switch { Rademacher => "rademacher", Gaussian => "gaussian", _ => throw new InvalidOperationException() };
}
