using MathNet.Numerics;

namespace Lnsgd.Core.Nonlinear;

/// <summary>
/// The hidden nonlinearity φ of a two-layer network. A closed set: erf (the authors' Fig. 3
/// notebook), ReLU (the usual MLP), tanh (a smooth odd one), identity (recovers the paper's
/// linear network, so the nonlinear code can be checked against the exact engines).
/// </summary>
public abstract record Activation
{
    private Activation() { }

    /// <summary>φ(z) = erf(z).</summary>
    public sealed record Erf : Activation;
    /// <summary>φ(z) = max(z, 0); φ'(0) is taken as 0, as PyTorch does.</summary>
    public sealed record Relu : Activation;
    /// <summary>φ(z) = tanh(z).</summary>
    public sealed record Tanh : Activation;
    /// <summary>φ(z) = z.</summary>
    public sealed record Identity : Activation;

    /// <summary>The name used in configs: erf, relu, tanh, identity.</summary>
    public string Name => this switch
    {
        Erf => "erf",
        Relu => "relu",
        Tanh => "tanh",
        Identity => "identity",
        _ => throw new InvalidOperationException("unknown activation"),
    };

    /// <summary>Every name <see cref="Parse"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["erf", "relu", "tanh", "identity"];

    /// <summary>The activation named <paramref name="name"/>, or null.</summary>
    public static Activation? Parse(string name) => name switch
    {
        "erf" => new Erf(),
        "relu" => new Relu(),
        "tanh" => new Tanh(),
        "identity" => new Identity(),
        _ => null,
    };

    /// <summary>φ(z).</summary>
    public double Apply(double z) => this switch
    {
        Erf => SpecialFunctions.Erf(z),
        Relu => z > 0 ? z : 0.0,
        Tanh => Math.Tanh(z),
        _ => z,
    };

    /// <summary>φ'(z).</summary>
    public double Derivative(double z) => this switch
    {
        Erf => TwoOverSqrtPi * Math.Exp(-z * z),
        Relu => z > 0 ? 1.0 : 0.0,
        Tanh => 1.0 - Math.Tanh(z) * Math.Tanh(z),
        _ => 1.0,
    };

    /// <summary>
    /// Writes φ(z) into <paramref name="value"/> and φ'(z) into <paramref name="slope"/> for every
    /// z of <paramref name="pre"/> (all three the same length): one pass, one switch.
    /// </summary>
    public void Map(ReadOnlySpan<double> pre, Span<double> value, Span<double> slope)
    {
        switch (this)
        {
            case Erf:
                for (var j = 0; j < pre.Length; j++) { var z = pre[j]; value[j] = SpecialFunctions.Erf(z); slope[j] = TwoOverSqrtPi * Math.Exp(-z * z); }
                break;
            case Relu:
                for (var j = 0; j < pre.Length; j++) { var z = pre[j]; var on = z > 0; value[j] = on ? z : 0.0; slope[j] = on ? 1.0 : 0.0; }
                break;
            case Tanh:
                for (var j = 0; j < pre.Length; j++) { var t = Math.Tanh(pre[j]); value[j] = t; slope[j] = 1.0 - t * t; }
                break;
            default:
                pre.CopyTo(value);
                slope.Fill(1.0);
                break;
        }
    }

    private const double TwoOverSqrtPi = 1.1283791670955126;
}
