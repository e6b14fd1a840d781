using System.Collections.Immutable;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Lnsgd.Core.Theory;

/// <summary>One fitted exponent with its standard error and 95 % confidence interval.</summary>
public sealed record Exponent(string Name, double Value, double StandardError, double Low, double High);

/// <summary>
/// Fits y = C · Π x_k^(α_k) by least squares on logs (MathNet QR): log y = log C + Σ α_k log x_k,
/// with standard errors from the residual variance and Student-t 95 % intervals.
/// </summary>
public static class PowerLawFit
{
    /// <summary>The exponents of <paramref name="names"/>; each sample is (predictors, y), all positive.</summary>
    public static ImmutableArray<Exponent> Fit(IReadOnlyList<string> names, IReadOnlyList<(double[] X, double Y)> samples)
    {
        var p = names.Count + 1;
        if (samples.Count < p) throw new ArgumentException($"a fit of {names.Count} exponents needs at least {p} samples, got {samples.Count}");
        var design = Matrix<double>.Build.Dense(samples.Count, p, (i, j) => j == 0 ? 1.0 : Math.Log(samples[i].X[j - 1]));
        var y = Vector<double>.Build.Dense(samples.Count, i => Math.Log(samples[i].Y));
        var beta = design.QR().Solve(y);
        var residual = y - design * beta;
        var dof = samples.Count - p;
        var variance = dof > 0 ? residual.DotProduct(residual) / dof : 0.0;
        var covariance = design.TransposeThisAndMultiply(design).Inverse() * variance;
        var t = dof > 0 ? StudentT.InvCDF(0, 1, dof, 0.975) : double.PositiveInfinity;
        return [.. names.Select((name, k) =>
        {
            var se = Math.Sqrt(Math.Max(0, covariance[k + 1, k + 1]));
            var half = se == 0 ? 0 : t * se;
            return new Exponent(name, beta[k + 1], se, beta[k + 1] - half, beta[k + 1] + half);
        })];
    }
}
