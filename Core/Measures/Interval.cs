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

    /// <summary>
    /// The interval of a statistic that cannot be negative (a norm, a probability, |x|): the
    /// Student-t interval intersected with [0, ∞). Cutting a confidence interval to the set of
    /// possible values keeps its coverage, and no reported bound is impossible.
    /// </summary>
    public static Interval OfNonNegative(IReadOnlyList<double> samples)
    {
        if (samples.Any(v => v < 0)) throw new ArgumentException("a non-negative statistic has a negative sample", nameof(samples));
        var i = Of(samples);
        return i with { Low = Math.Max(0, i.Low) };
    }

    /// <summary>As <see cref="OfNonNegative"/> for a probability or fraction: also cut to [0, 1].</summary>
    public static Interval OfFraction(IReadOnlyList<double> samples)
    {
        if (samples.Any(v => v > 1)) throw new ArgumentException("a fraction has a sample above 1", nameof(samples));
        var i = OfNonNegative(samples);
        return i with { High = Math.Min(1, i.High) };
    }
}
