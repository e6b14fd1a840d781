namespace Lnsgd.Core.Nonlinear;

/// <summary>
/// The empirical neural tangent kernel on a probe set, traced over the outputs:
/// K(x, x') = Σ_k ⟨∂f_k(x)/∂θ, ∂f_k(x')/∂θ⟩. For the two-layer network it has a closed form in
/// the forward pass, so no Jacobian is formed:
/// K = c·(s_A² ΦΦᵀ + s_c²) + s_A² (Φ' diag(Σ_k A_k²) Φ'ᵀ) ⊙ (s_W² XXᵀ + s_b²).
/// </summary>
public static class Ntk
{
    /// <summary>K (rows×rows, row-major) of <paramref name="net"/> on the inputs <paramref name="x"/>.</summary>
    public static double[] Of(TwoLayerNet net, double[] x, int rows, int threads = 0)
    {
        var s = net.Spec;
        var (d, m, c) = (s.D, s.M, s.C);
        var pass = ForwardPass.Of(net, x, rows, threads);
        var a = net.A;
        var weight = new double[m];
        for (var k = 0; k < c; k++)
            for (var i = 0; i < m; i++) weight[i] += a[k * m + i] * a[k * m + i];
        var scaled = new double[rows * m];
        for (var r = 0; r < rows; r++)
            for (var i = 0; i < m; i++) scaled[r * m + i] = pass.Slope[r * m + i] * weight[i];
        var second = new double[rows * rows];
        Gemm.Multiply(false, true, rows, rows, m, c * s.ScaleA * s.ScaleA, pass.Hidden, pass.Hidden, second, threads: threads);
        var slopes = new double[rows * rows];
        Gemm.Multiply(false, true, rows, rows, m, s.ScaleA * s.ScaleA, scaled, pass.Slope, slopes, threads: threads);
        var inputs = new double[rows * rows];
        Gemm.Multiply(false, true, rows, rows, d, s.ScaleW * s.ScaleW, x, x, inputs, threads: threads);
        var kernel = new double[rows * rows];
        var (bias2, out2) = (s.ScaleB * s.ScaleB, c * s.ScaleC * s.ScaleC);
        for (var j = 0; j < kernel.Length; j++)
            kernel[j] = second[j] + out2 + slopes[j] * (inputs[j] + bias2);
        return kernel;
    }

    /// <summary>
    /// The same kernel from explicit per-sample, per-output gradients (one vector-Jacobian product each):
    /// O(rows·c) backward passes, for checking <see cref="Of"/> on small networks.
    /// </summary>
    public static double[] FromJacobian(TwoLayerNet net, double[] x, int rows)
    {
        var c = net.Spec.C;
        var pass = ForwardPass.Of(net, x, rows, 1);
        var rowsOfJ = new double[rows * c][];
        for (var r = 0; r < rows; r++)
            for (var k = 0; k < c; k++)
            {
                var g = new double[rows * c];
                g[r * c + k] = 1.0;
                rowsOfJ[r * c + k] = Backprop.Vjp(net, x, pass, g, 1);
            }
        var kernel = new double[rows * rows];
        for (var r = 0; r < rows; r++)
            for (var q = 0; q < rows; q++)
                for (var k = 0; k < c; k++)
                    kernel[r * rows + q] += Parameters.Dot(rowsOfJ[r * c + k], rowsOfJ[q * c + k]);
        return kernel;
    }

    /// <summary>1 − ⟨K0, Kt⟩_F / (‖K0‖_F ‖Kt‖_F): 0 when the kernel has not turned, up to 1 (2 if it flipped).</summary>
    public static double Distance(ReadOnlySpan<double> k0, ReadOnlySpan<double> kt)
    {
        var denominator = Parameters.Norm(k0) * Parameters.Norm(kt);
        return denominator > 0 ? 1.0 - Parameters.Dot(k0, kt) / denominator : 0.0;
    }
}
