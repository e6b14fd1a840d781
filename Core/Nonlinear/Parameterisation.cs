namespace Lnsgd.Core.Nonlinear;

/// <summary>
/// How a layer's weights are scaled (neural-tangents' two conventions). Standard: weights are
/// drawn N(0, σ_w²/fan_in), biases N(0, σ_b²), and used as they are. NTK: every parameter is drawn
/// N(0, 1) and the layer multiplies by σ_w/√fan_in and σ_b in the forward pass. Both give the same
/// function at initialisation; they differ in how gradient steps move it.
/// </summary>
public abstract record Parameterisation
{
    private Parameterisation() { }

    /// <summary>Weights carry their scale: W ~ N(0, σ_w²/fan_in), used as drawn.</summary>
    public sealed record Standard : Parameterisation;
    /// <summary>Weights are N(0, 1); the forward pass scales by σ_w/√fan_in and σ_b.</summary>
    public sealed record Ntk : Parameterisation;

    /// <summary>The name used in configs: standard or ntk.</summary>
    public string Name => this is Ntk ? "ntk" : "standard";

    /// <summary>Every name <see cref="Parse"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["standard", "ntk"];

    /// <summary>The parameterisation named <paramref name="name"/>, or null.</summary>
    public static Parameterisation? Parse(string name) => name switch
    {
        "standard" => new Standard(),
        "ntk" => new Ntk(),
        _ => null,
    };

    /// <summary>(the weight's multiplier in the forward pass, the standard deviation it is drawn with).</summary>
    public (double Multiplier, double InitStd) Weight(double wStd, int fanIn) => this is Ntk
        ? (wStd / Math.Sqrt(fanIn), 1.0)
        : (1.0, wStd / Math.Sqrt(fanIn));

    /// <summary>(the bias's multiplier in the forward pass, the standard deviation it is drawn with).</summary>
    public (double Multiplier, double InitStd) Bias(double bStd) => this is Ntk ? (bStd, 1.0) : (1.0, bStd);
}
