using MathNet.Numerics.LinearAlgebra;

namespace Lnsgd.Core.Predictions;

/// <summary>
/// What one optimiser step injects (docs/prediction.md §4): step size η, the label-noise
/// variance of the averaged gradient (σ²/b for batch b drawn with replacement, σ²/n for full-batch
/// label noise GD), and how a fluctuation C of θ − θ⋆ enters the gradient's second moment:
/// E[g gᵀ] = NoiseVariance·Σ̂ + FourthWeight·F(C) + MeanWeight·Σ̂CΣ̂.
/// </summary>
public sealed record StepNoise(double Eta, double NoiseVariance, double FourthWeight, double MeanWeight)
{
    /// <summary>Mini-batch label noise SGD, b samples with replacement.</summary>
    public static StepNoise Sgd(double eta, double sigma, int batch) =>
        new(eta, sigma * sigma / batch, 1.0 / batch, 1 - 1.0 / batch);

    /// <summary>Full-batch label noise GD: one ε per sample, every sample every step.</summary>
    public static StepNoise Gd(double eta, double sigma, int n) => new(eta, sigma * sigma / n, 0, 1);

    /// <summary>The gradient's second moment Σ̃ = E[g gᵀ] around Γ when θ − θ⋆ has covariance C.</summary>
    public Matrix<double> GradientMoment(ProblemGeometry geometry, Matrix<double>? c)
    {
        var moment = NoiseVariance * geometry.Sigma;
        if (c is null) return moment;
        if (FourthWeight != 0) moment += FourthWeight * geometry.FourthMoment(c);
        if (MeanWeight != 0) moment += MeanWeight * (geometry.Sigma * c * geometry.Sigma);
        return (moment + moment.Transpose()) / 2;
    }
}
