using System.Runtime.InteropServices;

namespace Lnsgd.Core.Nonlinear;

/// <summary>
/// What one forward pass over a batch leaves behind, each row-major with one row per sample:
/// the pre-activations Z = s_W·X Wᵀ + s_b·b (rows×m), the hidden values φ(Z), the slopes φ'(Z)
/// and the outputs F = s_A·φ(Z) Aᵀ + s_c·c (rows×c). Backward passes and Jacobian products reuse it.
/// </summary>
public sealed record ForwardPass(int Rows, double[] Pre, double[] Hidden, double[] Slope, double[] Output)
{
    /// <summary>The forward pass of <paramref name="net"/> on <paramref name="rows"/> inputs (row-major rows×d).</summary>
    public static ForwardPass Of(TwoLayerNet net, double[] x, int rows, int threads = 0)
    {
        var s = net.Spec;
        var (m, c) = (s.M, s.C);
        var theta = ImmutableCollectionsMarshal.AsArray(net.Theta)!;
        var pre = new double[rows * m];
        Gemm.Multiply(false, true, rows, m, s.D, s.ScaleW, x, new ArraySegment<double>(theta, s.OffsetW, m * s.D), pre, threads: threads);
        var hidden = new double[rows * m];
        var slope = new double[rows * m];
        var scaleB = s.ScaleB;
        var bias = net.B.ToArray();
        var activation = s.Activation;
        void Row(int i)
        {
            var z = pre.AsSpan(i * m, m);
            if (scaleB != 0.0) Gemm.Axpy(scaleB, bias, z);
            activation.Map(z, hidden.AsSpan(i * m, m), slope.AsSpan(i * m, m));
        }
        if (threads == 1 || (long)rows * m < 1 << 16) for (var i = 0; i < rows; i++) Row(i);
        else Parallel.For(0, rows, new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount }, Row);
        var output = Outputs(net, hidden, rows, threads);
        return new ForwardPass(rows, pre, hidden, slope, output);
    }

    /// <summary>F = s_A·H Aᵀ + s_c·c for hidden values H (rows×m).</summary>
    public static double[] Outputs(TwoLayerNet net, double[] hidden, int rows, int threads = 0)
    {
        var s = net.Spec;
        var theta = ImmutableCollectionsMarshal.AsArray(net.Theta)!;
        var output = new double[rows * s.C];
        Gemm.Multiply(false, true, rows, s.C, s.M, s.ScaleA, hidden, new ArraySegment<double>(theta, s.OffsetA, s.C * s.M), output, threads: threads);
        if (s.ScaleC != 0.0)
            for (var i = 0; i < rows; i++) Gemm.Axpy(s.ScaleC, net.C, output.AsSpan(i * s.C, s.C));
        return output;
    }

    /// <summary>The rows <paramref name="indices"/> of this pass, in that order (a batch of a cached full pass).</summary>
    public ForwardPass Select(IReadOnlyList<int> indices, int m, int c)
    {
        var rows = indices.Count;
        double[] Take(double[] source, int width)
        {
            var result = new double[rows * width];
            for (var r = 0; r < rows; r++) source.AsSpan(indices[r] * width, width).CopyTo(result.AsSpan(r * width, width));
            return result;
        }
        return new ForwardPass(rows, Take(Pre, m), Take(Hidden, m), Take(Slope, m), Take(Output, c));
    }
}
