using Lnsgd.Core.Training;
using Xunit;

namespace Lnsgd.Properties;

/// <summary>
/// Label noise has mean 0 and variance σ². Fixed seeds; tolerances are 5 standard errors of
/// the estimator at the sample size, so a correct implementation fails with probability &lt; 1e-6.
/// </summary>
public class NoiseTests
{
    private const int Samples = 200_000;

    [Theory]
    [InlineData("rademacher", 4.0, 3.0)]   // E[ε⁴] = σ⁴: Var(ε²) = 0, but we keep Gaussian's bound
    [InlineData("gaussian", 4.0, 3.0)]      // E[ε⁴] = 3σ⁴: Var(ε²) = 2σ⁴
    [InlineData("gaussian", 0.5, 3.0)]
    public void Noise_has_mean_zero_and_variance_sigma_squared(string law, double sigma, double fourthMomentFactor)
    {
        var noise = new LabelNoise(law == "gaussian" ? new NoiseLaw.Gaussian() : new NoiseLaw.Rademacher(), sigma, new NoiseSchedule.Constant());
        double sum = 0, sumSq = 0;
        for (var k = 0; k < Samples; k++)
        {
            var e = noise.Draw(seed: 12345, step: k / 4, slot: k % 4);
            sum += e; sumSq += e * e;
        }
        var mean = sum / Samples;
        var secondMoment = sumSq / Samples;
        var s2 = sigma * sigma;
        Assert.InRange(mean, -5 * sigma / Math.Sqrt(Samples), 5 * sigma / Math.Sqrt(Samples));
        var se = Math.Sqrt((fourthMomentFactor - 1) * s2 * s2 / Samples);
        Assert.InRange(secondMoment, s2 - 5 * se, s2 + 5 * se);
    }

    [Fact]
    public void Rademacher_noise_is_exactly_plus_or_minus_sigma_and_both_signs_occur_half_the_time()
    {
        var noise = new LabelNoise(new NoiseLaw.Rademacher(), 4.0, new NoiseSchedule.Constant());
        var plus = 0;
        for (var k = 0; k < Samples; k++)
        {
            var e = noise.Draw(7, k, 0);
            Assert.True(e is 4.0 or -4.0);
            if (e > 0) plus++;
        }
        // Binomial(N, ½): standard error √N/2.
        Assert.InRange(plus, Samples / 2 - 5 * Math.Sqrt(Samples) / 2, Samples / 2 + 5 * Math.Sqrt(Samples) / 2);
    }

    [Fact]
    public void Zero_sigma_draws_exactly_zero()
    {
        for (var k = 0; k < 1000; k++) Assert.Equal(0.0, LabelNoise.Off.Draw(3, k, 0));
    }
}
