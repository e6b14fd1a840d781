namespace Lnsgd.Core.Problems;

/// <summary>How the ground-truth interpolator θ⋆ is drawn (the paper's Section "Setup and Overview"). A closed hierarchy.</summary>
public abstract record Teacher
{
    private Teacher() { }

    /// <summary>A uniformly random direction in R^d.</summary>
    public sealed record Dense : Teacher;

    /// <summary>K random coordinates carry Gaussian weights, the rest are zero (the "sparse" θ⋆ of A4).</summary>
    public sealed record Sparse(int K) : Teacher;

    /// <summary>The config spelling: <c>dense</c> or <c>sparse</c>.</summary>
    public string Name => this switch { Dense => "dense", Sparse => "sparse", _ => throw new InvalidOperationException() };
}
