namespace Lnsgd.Core.Nonlinear;

/// <summary>Vector arithmetic on flat parameter vectors (and any other spans of doubles).</summary>
public static class Parameters
{
    /// <summary>⟨u, v⟩, summed in a fixed order.</summary>
    public static double Dot(ReadOnlySpan<double> u, ReadOnlySpan<double> v) => Gemm.Dot(u, v);

    /// <summary>‖v‖.</summary>
    public static double Norm(ReadOnlySpan<double> v) => Math.Sqrt(Gemm.Dot(v, v));

    /// <summary>‖u − v‖.</summary>
    public static double Distance(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        var sum = 0.0;
        for (var j = 0; j < u.Length; j++) { var e = u[j] - v[j]; sum += e * e; }
        return Math.Sqrt(sum);
    }

    /// <summary>u + α·v as a new array.</summary>
    public static double[] Add(ReadOnlySpan<double> u, double alpha, ReadOnlySpan<double> v)
    {
        var result = u.ToArray();
        Gemm.Axpy(alpha, v, result);
        return result;
    }
}
