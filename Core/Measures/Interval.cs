using MathNet.Numerics.Distributions;

namespace Lnsgd.Core.Measures;

/// <summary>A sample mean with its two-sided 95 % Student-t confidence interval.</summary>
public sealed record Interval(double Mean, double Low, double High, int Count)
{
    /// <summary>The interval of <paramref name="samples"/>; one sample gives a point.</summary>
    public static Interval Of(IReadOnlyList<double> samples)
    {
        if (samples.Count == 0) throw new ArgumentException("an interval needs at least one sample");
        var mean = samples.Average();
        if (samples.Count == 1) return new Interval(mean, mean, mean, 1);
        var sd = Math.Sqrt(samples.Sum(v => (v - mean) * (v - mean)) / (samples.Count - 1));
        var half = StudentT.InvCDF(0, 1, samples.Count - 1, 0.975) * sd / Math.Sqrt(samples.Count);
        return new Interval(mean, mean - half, mean + half, samples.Count);
    }
}
