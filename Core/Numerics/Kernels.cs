namespace Lnsgd.Core.Numerics;

/// <summary>
/// The few vector kernels every engine shares. Reductions use a fixed order (four interleaved
/// partial sums, combined as (s0 + s1) + (s2 + s3), then the tail in order) so results are the
/// same bytes on every machine, whatever its SIMD width. No fused multiply-add anywhere.
/// </summary>
internal static class Kernels
{
    /// <summary>Σ x_k y_k in the fixed order described on the class.</summary>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        var k = 0;
        for (; k + 4 <= x.Length; k += 4)
        {
            s0 += x[k] * y[k];
            s1 += x[k + 1] * y[k + 1];
            s2 += x[k + 2] * y[k + 2];
            s3 += x[k + 3] * y[k + 3];
        }
        var s = (s0 + s1) + (s2 + s3);
        for (; k < x.Length; k++) s += x[k] * y[k];
        return s;
    }

    /// <summary>Σ x_k² in the order of <see cref="Dot"/>.</summary>
    public static double SquaredNorm(ReadOnlySpan<double> x) => Dot(x, x);
}
