using Lnsgd.Core.Numerics;
using Lnsgd.Core.Networks;
using FsCheck.Xunit;
using Lnsgd.Core;
using Lnsgd.Core.Engines;

namespace Lnsgd.Properties;

/// <summary>The SIMD kernels of the record path give exactly the bytes of their plain specifications.</summary>
public class KernelTests
{
    /// <summary>Values spread over many binades, so a different summation order would round differently.</summary>
    private static double[] Spread(int length, int seed)
    {
        var random = new System.Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => (2 * random.NextDouble() - 1) * Math.ScaleB(1.0, random.Next(-40, 41)))];
    }

    [Property(MaxTest = 300)]
    public bool The_vector_dot_equals_the_scalar_dot_bit_for_bit(byte length, int seed)
    {
        var (x, y) = (Spread(length % 70, seed), Spread(length % 70, seed ^ 0x5bd1e995));
        return BitConverter.DoubleToInt64Bits(VectorKernels.Dot(x, y)) == BitConverter.DoubleToInt64Bits(Kernels.Dot(x, y))
            && BitConverter.DoubleToInt64Bits(VectorKernels.Dot(x, x)) == BitConverter.DoubleToInt64Bits(Kernels.SquaredNorm(x));
    }

    /// <summary>
    /// Expand(K) is Z₀ + c_iᵀ·B with B = Change(K) (R⁻¹(K − K₀) on the Cholesky path, K − K₀ on
    /// the QR fallback) and every entry's r products summed in index order, then Z₀ added: here by
    /// a plain triple loop, over widths d from 1 to 40 (so every SIMD branch runs), on both paths
    /// (a zero second layer makes the Gram matrix singular and forces the fallback).
    /// </summary>
    [Property(MaxTest = 60)]
    public bool The_gram_expansion_equals_the_index_order_product_bit_for_bit(byte rawD, byte rawExtra, int seed, bool singular)
    {
        var d = 1 + rawD % 40;
        var m = d + 2 + rawExtra % 20;
        var start = Lnsgd.Core.Networks.Network.Own(m, d, Generators.Vector(m * d, seed), singular ? new double[m] : Generators.Vector(m, seed + 1, 0.1));
        var factor = GramFactor.Of(start);
        if (singular && factor.IsCholesky) throw new Exception("a singular Gram matrix took the Cholesky path");
        var k0 = factor.Virtual;
        var r = k0.M;
        var (dw, da) = (Spread(r * d, seed + 2), Spread(r, seed + 3));
        var k = Lnsgd.Core.Networks.Network.Own(r, d, [.. k0.W.Select((v, i) => v + dw[i])], [.. k0.A.Select((v, i) => v + da[i])]);
        var expanded = factor.Expand(k);
        var change = factor.Change(k.W.AsSpan(), k.A.AsSpan());
        var u = new double[r];
        for (var i = 0; i < m; i++)
        {
            factor.Coefficients(i, u);
            for (var j = 0; j <= d; j++)
            {
                var sum = 0.0;
                for (var v = 0; v < r; v++) sum += u[v] * change[v * factor.ChangeStride + j];
                var expected = j < d ? start.W[i * d + j] + sum : start.A[i] + sum;
                var actual = j < d ? expanded.W[i * d + j] : expanded.A[i];
                if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual))
                    throw new Exception($"d={d} m={m} entry ({i},{j}): expected {expected:R}, got {actual:R}");
            }
        }
        // At step 0 the expansion is the start network itself, to the bit.
        return factor.Expand(k0).W.SequenceEqual(start.W) && factor.Expand(k0).A.SequenceEqual(start.A);
    }

    /// <summary>
    /// The Cholesky factor stands for the same subspace as the thin QR it replaced: U = Z₀R⁻¹ has
    /// orthonormal columns, and a change ΔK of the virtual network expands to Z₀ + Q·R_qr·K₀⁻¹·ΔK
    /// computed through MathNet's thin QR Z₀ = Q·R_qr, to rounding.
    /// </summary>
    [Property(MaxTest = 40)]
    public bool The_cholesky_factor_spans_what_the_thin_qr_spans(byte rawD, byte rawExtra, int seed)
    {
        var d = 1 + rawD % 30;
        var m = 3 * (d + 1) + rawExtra % 200;
        var start = Lnsgd.Core.Networks.Network.Own(m, d, Generators.Vector(m * d, seed), Generators.Vector(m, seed + 1, 0.1));
        var factor = GramFactor.Of(start);
        if (!factor.IsCholesky) throw new Exception($"a well-conditioned m={m}, d={d} took the QR fallback");
        var z = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(m, d + 1, (i, j) => j < d ? start.W[i * d + j] : start.A[i]);
        var k0 = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(d + 1, d + 1, (i, j) => j < d ? factor.Virtual.W[i * d + j] : factor.Virtual.A[i]);
        var u = z * k0.Inverse();
        var identityGap = (u.TransposeThisAndMultiply(u) - MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseIdentity(d + 1)).Enumerate().Max(Math.Abs);
        // The same change of the virtual network through the QR's orthonormal basis: ΔZ = Q·R_qr·K₀⁻¹·ΔK,
        // since both K₀ and R_qr map their basis onto Z₀ (Z₀ = U K₀ = Q R_qr).
        var qr = z.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
        var delta = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(d + 1, d + 1, (i, j) => Generators.Vector((d + 1) * (d + 1), seed + 5, 0.01)[i * (d + 1) + j]);
        var viaQr = z + qr.Q * (qr.R * k0.Inverse() * delta);
        var k = Lnsgd.Core.Networks.Network.Own(d + 1, d,
            [.. Enumerable.Range(0, (d + 1) * d).Select(x => factor.Virtual.W[x] + delta[x / d, x % d])],
            [.. Enumerable.Range(0, d + 1).Select(x => factor.Virtual.A[x] + delta[x, d])]);
        var expanded = factor.Expand(k);
        var gap = 0.0;
        for (var i = 0; i < m; i++)
            for (var j = 0; j <= d; j++)
                gap = Math.Max(gap, Math.Abs((j < d ? expanded.W[i * d + j] : expanded.A[i]) - viaQr[i, j]));
        return identityGap < 1e-10 && gap < 1e-10 * Math.Max(1.0, viaQr.Enumerate().Max(Math.Abs));
    }

    /// <summary>The streamed Gram matrix of [W a] has, entry by entry, the bytes of the plain loop Σ_i z_ij z_ik in neuron order.</summary>
    [Property(MaxTest = 100)]
    public bool The_gram_matrix_equals_the_neuron_order_sum_bit_for_bit(byte rawD, byte rawM, int seed)
    {
        var d = 1 + rawD % 40;
        var m = 1 + rawM % 50;
        var (w, a) = (Spread(m * d, seed), Spread(m, seed + 1));
        var g = Lnsgd.Core.Networks.GramMatrix.Of(Lnsgd.Core.Networks.Network.Own(m, d, w, a));
        for (var j = 0; j <= d; j++)
            for (var k = 0; k <= d; k++)
            {
                var sum = 0.0;
                for (var i = 0; i < m; i++) sum += (j < d ? w[i * d + j] : a[i]) * (k < d ? w[i * d + k] : a[i]);
                if (BitConverter.DoubleToInt64Bits(sum) != BitConverter.DoubleToInt64Bits(g[j * (d + 1) + k])) return false;
            }
        return true;
    }
}
