using System.Runtime.InteropServices;

namespace Lnsgd.Core.Nonlinear;

/// <summary>
/// Reverse and forward mode through the two-layer network, in matrix form over a batch:
/// the vector-Jacobian product (the backward pass, which gives the loss gradient) and the
/// Jacobian-vector product (which gives the linearised model). Neither forms the Jacobian.
/// </summary>
public static class Backprop
{
    /// <summary>
    /// Jᵀ G: the gradient of Σ_ik G_ik f_k(x_i) with respect to θ, in parameter layout, for
    /// output cotangents <paramref name="g"/> (rows×c). With G = ∂L/∂F it is ∇_θ L.
    /// </summary>
    public static double[] Vjp(TwoLayerNet net, double[] x, ForwardPass pass, double[] g, int threads = 0)
    {
        var s = net.Spec;
        var (rows, d, m, c) = (pass.Rows, s.D, s.M, s.C);
        var theta = ImmutableCollectionsMarshal.AsArray(net.Theta)!;
        var grad = new double[s.Count];
        // ∂/∂A = s_A Gᵀ φ(Z); ∂/∂c = s_c Σ_i G_i.
        Gemm.Multiply(true, false, c, m, rows, s.ScaleA, g, pass.Hidden, new ArraySegment<double>(grad, s.OffsetA, c * m), threads: threads);
        if (s.ScaleC != 0.0) ColumnSums(g, rows, c, s.ScaleC, grad.AsSpan(s.OffsetC, c));
        // Back through the second layer and the activation: Δ = (s_A G A) ⊙ φ'(Z).
        var delta = new double[rows * m];
        Gemm.Multiply(false, false, rows, m, c, s.ScaleA, g, new ArraySegment<double>(theta, s.OffsetA, c * m), delta, threads: threads);
        Multiply(delta, pass.Slope);
        // ∂/∂W = s_W Δᵀ X; ∂/∂b = s_b Σ_i Δ_i.
        Gemm.Multiply(true, false, m, d, rows, s.ScaleW, delta, x, new ArraySegment<double>(grad, s.OffsetW, m * d), threads: threads);
        if (s.ScaleB != 0.0) ColumnSums(delta, rows, m, s.ScaleB, grad.AsSpan(s.OffsetB, m));
        return grad;
    }

    /// <summary>
    /// J v: the change of the outputs (rows×c) along the parameter direction <paramref name="v"/>
    /// (parameter layout), at the network and batch of <paramref name="pass"/>.
    /// </summary>
    public static double[] Jvp(TwoLayerNet net, double[] x, ForwardPass pass, double[] v, int threads = 0)
    {
        var s = net.Spec;
        var (rows, d, m, c) = (pass.Rows, s.D, s.M, s.C);
        var theta = ImmutableCollectionsMarshal.AsArray(net.Theta)!;
        // dZ = s_W X V_Wᵀ + s_b v_b, then through the activation's slope.
        var dz = new double[rows * m];
        Gemm.Multiply(false, true, rows, m, d, s.ScaleW, x, new ArraySegment<double>(v, s.OffsetW, m * d), dz, threads: threads);
        if (s.ScaleB != 0.0)
            for (var i = 0; i < rows; i++) Gemm.Axpy(s.ScaleB, v.AsSpan(s.OffsetB, m), dz.AsSpan(i * m, m));
        Multiply(dz, pass.Slope);
        // dF = s_A (φ(Z) V_Aᵀ + dφ Aᵀ) + s_c v_c.
        var df = new double[rows * c];
        Gemm.Multiply(false, true, rows, c, m, s.ScaleA, pass.Hidden, new ArraySegment<double>(v, s.OffsetA, c * m), df, threads: threads);
        Gemm.Multiply(false, true, rows, c, m, s.ScaleA, dz, new ArraySegment<double>(theta, s.OffsetA, c * m), df, accumulate: true, threads: threads);
        if (s.ScaleC != 0.0)
            for (var i = 0; i < rows; i++) Gemm.Axpy(s.ScaleC, v.AsSpan(s.OffsetC, c), df.AsSpan(i * c, c));
        return df;
    }

    // Σ over rows, in row order, times a scale.
    private static void ColumnSums(double[] matrix, int rows, int cols, double scale, Span<double> into)
    {
        into.Clear();
        for (var i = 0; i < rows; i++) Gemm.Axpy(1.0, matrix.AsSpan(i * cols, cols), into);
        for (var j = 0; j < cols; j++) into[j] *= scale;
    }

    private static void Multiply(double[] target, double[] by)
    {
        for (var j = 0; j < target.Length; j++) target[j] *= by[j];
    }
}
