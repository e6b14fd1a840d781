namespace Lnsgd.Core.Nonlinear;

/// <summary>
/// The architecture of f(x) = s_A·A φ(s_W·W x + s_b·b) + s_c·c: input size <see cref="D"/>,
/// width <see cref="M"/>, <see cref="C"/> outputs, the activation, the parameterisation with its
/// σ_w and σ_b (neural-tangents' W_std, b_std), and whether the biases b and c exist. Without
/// biases they stay zero and are never trained, which is the paper's bias-free model.
/// </summary>
public sealed record NetSpec(int D, int M, int C, Activation Activation, Parameterisation Parameterisation,
    double WStd = 1.0, double BStd = 1.0, bool Bias = true)
{
    /// <summary>The forward-pass multiplier of W (s_W).</summary>
    public double ScaleW => Parameterisation.Weight(WStd, D).Multiplier;
    /// <summary>The forward-pass multiplier of b (s_b); 0 without biases.</summary>
    public double ScaleB => Bias ? Parameterisation.Bias(BStd).Multiplier : 0.0;
    /// <summary>The forward-pass multiplier of A (s_A).</summary>
    public double ScaleA => Parameterisation.Weight(WStd, M).Multiplier;
    /// <summary>The forward-pass multiplier of c (s_c); 0 without biases.</summary>
    public double ScaleC => Bias ? Parameterisation.Bias(BStd).Multiplier : 0.0;

    /// <summary>Where W starts in the flat parameter vector (it is first: m·d values, row i = unit i).</summary>
    public int OffsetW => 0;
    /// <summary>Where b starts (m values).</summary>
    public int OffsetB => M * D;
    /// <summary>Where A starts (c·m values, row k = output k).</summary>
    public int OffsetA => M * D + M;
    /// <summary>Where c starts (c values).</summary>
    public int OffsetC => M * D + M + C * M;
    /// <summary>Length of the flat parameter vector θ = (W, b, A, c).</summary>
    public int Count => M * D + M + C * M + C;

    /// <summary>Throws unless every size is positive and σ_w, σ_b are finite and non-negative.</summary>
    public NetSpec Validate()
    {
        if (D < 1 || M < 1 || C < 1) throw new ArgumentException($"d, width and outputs must be positive (got {D}, {M}, {C})");
        if (!(WStd >= 0 && double.IsFinite(WStd)) || !(BStd >= 0 && double.IsFinite(BStd)))
            throw new ArgumentException($"w_std and b_std must be finite and non-negative (got {WStd}, {BStd})");
        return this;
    }
}
