using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Lnsgd.Core.Random;

namespace Lnsgd.Core.Nonlinear;

/// <summary>
/// A two-layer network f(x) = s_A·A φ(s_W·W x + s_b·b) + s_c·c (see <see cref="NetSpec"/>) as one
/// flat parameter vector θ = (W, b, A, c), row-major. Immutable: every step returns a new value.
/// </summary>
public sealed record TwoLayerNet(NetSpec Spec, ImmutableArray<double> Theta)
{
    /// <summary>First layer W (m×d, row i = hidden unit i).</summary>
    public ReadOnlySpan<double> W => Theta.AsSpan(Spec.OffsetW, Spec.M * Spec.D);
    /// <summary>Hidden biases b (m).</summary>
    public ReadOnlySpan<double> B => Theta.AsSpan(Spec.OffsetB, Spec.M);
    /// <summary>Second layer A (c×m, row k = output k).</summary>
    public ReadOnlySpan<double> A => Theta.AsSpan(Spec.OffsetA, Spec.C * Spec.M);
    /// <summary>Output biases c (c).</summary>
    public ReadOnlySpan<double> C => Theta.AsSpan(Spec.OffsetC, Spec.C);

    /// <summary>Hidden unit i's incoming weights w_i.</summary>
    public ReadOnlySpan<double> Unit(int i) => Theta.AsSpan(Spec.OffsetW + i * Spec.D, Spec.D);

    /// <summary>Wraps a parameter vector the caller hands over and never touches again.</summary>
    public static TwoLayerNet Own(NetSpec spec, double[] theta)
    {
        if (theta.Length != spec.Count) throw new ArgumentException($"θ must hold {spec.Count} values, got {theta.Length}");
        return new TwoLayerNet(spec, ImmutableCollectionsMarshal.AsImmutableArray(theta));
    }

    /// <summary>
    /// Draws θ(0) from <paramref name="seed"/>: W_ij = std_W·N(0,1) at (InitW, i, j), A_ki = std_A·N(0,1)
    /// at (InitA, i, k), b_i at (InitBias, 0, i), c_k at (InitBias, 1, k). With one output, no biases
    /// and the standard parameterisation at σ_w = 1 this is exactly the linear network's Eq. 5 draw.
    /// </summary>
    public static TwoLayerNet Init(NetSpec spec, ulong seed)
    {
        spec.Validate();
        var (d, m, c) = (spec.D, spec.M, spec.C);
        var theta = new double[spec.Count];
        var wStd = spec.Parameterisation.Weight(spec.WStd, d).InitStd;
        var aStd = spec.Parameterisation.Weight(spec.WStd, m).InitStd;
        var bStd = spec.Parameterisation.Bias(spec.BStd).InitStd;
        var wKey = new RngKey(seed, Purpose.InitW);
        var aKey = new RngKey(seed, Purpose.InitA);
        var bKey = new RngKey(seed, Purpose.InitBias);
        for (var i = 0; i < m; i++)
            for (var j = 0; j < d; j++) theta[spec.OffsetW + i * d + j] = wStd * wKey.Normal(i, j);
        for (var k = 0; k < c; k++)
            for (var i = 0; i < m; i++) theta[spec.OffsetA + k * m + i] = aStd * aKey.Normal(i, k);
        if (spec.Bias && bStd > 0)
        {
            for (var i = 0; i < m; i++) theta[spec.OffsetB + i] = bStd * bKey.Normal(0, i);
            for (var k = 0; k < c; k++) theta[spec.OffsetC + k] = bStd * bKey.Normal(1, k);
        }
        return Own(spec, theta);
    }

    /// <summary>This network with θ replaced by θ + α·v (v in parameter layout); frozen biases stay zero.</summary>
    public TwoLayerNet Moved(double alpha, ReadOnlySpan<double> v)
    {
        var theta = Theta.AsSpan().ToArray();
        Gemm.Axpy(alpha, v, theta);
        return Own(Spec, theta);
    }

    /// <summary>True when every parameter is finite.</summary>
    public bool IsFinite()
    {
        foreach (var v in Theta) if (!double.IsFinite(v)) return false;
        return true;
    }
}
