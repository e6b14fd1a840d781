using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using Lnsgd.Core.Problems;

namespace Lnsgd.Core.Predictions;

/// <summary>
/// What the limiting flow needs to know of the data (docs/prediction.md §1): the training second
/// moment Σ̂ = XᵀX/n, the test set's Σ_test, the row space of X (an orthonormal d×p basis Q; p = d
/// when n ≥ d and X has full column rank) and θ⋆. The interpolation manifold is
/// Γ = {Z : Qᵀθ(Z) = Qᵀθ⋆}, θ(Z) = Wᵀa: labels are clean, so every interpolator differs from θ⋆
/// by a vector of X's null space.
/// </summary>
public sealed record ProblemGeometry(
    int D, Matrix<double> X, Matrix<double> Sigma, Matrix<double> SigmaTest, Matrix<double> RowSpace,
    Vector<double> ThetaStar)
{
    /// <summary>tr Σ̂ = (1/n) Σ ‖x_k‖².</summary>
    public double TraceSigma { get; } = Sigma.Trace();

    /// <summary>True when Γ is {Wᵀa = θ⋆} (X has rank d).</summary>
    public bool FullRank => RowSpace.ColumnCount == D;

    /// <summary>The geometry of a synthetic problem.</summary>
    public static ProblemGeometry Of(SyntheticProblem p)
    {
        var x = Matrix<double>.Build.Dense(p.N, p.D, (i, j) => p.X[i * p.D + j]);
        var xt = Matrix<double>.Build.Dense(p.NTest, p.D, (i, j) => p.XTest[i * p.D + j]);
        var sigma = x.TransposeThisAndMultiply(x) / p.N;
        sigma = (sigma + sigma.Transpose()) / 2;
        var sigmaTest = xt.TransposeThisAndMultiply(xt) / p.NTest;
        var evd = sigma.Evd(Symmetricity.Symmetric);
        var top = evd.EigenValues.Real().Maximum();
        // Directions with eigenvalue below rounding relative to the largest are X's null space.
        var kept = Enumerable.Range(0, p.D).Where(j => evd.EigenValues[j].Real > 1e-12 * Math.Max(top, 1e-300)).ToArray();
        var q = Matrix<double>.Build.Dense(p.D, kept.Length, (i, j) => evd.EigenVectors[i, kept[j]]);
        return new ProblemGeometry(p.D, x, sigma, (sigmaTest + sigmaTest.Transpose()) / 2, q,
            Vector<double>.Build.DenseOfEnumerable(p.ThetaStar));
    }

    /// <summary>
    /// F(C) = (1/n) Σ_k (x_kᵀ C x_k) x_k x_kᵀ: the fourth-moment term of one sample's gradient
    /// second moment when θ − θ⋆ has covariance C (docs/prediction.md §4).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Matrix<double> FourthMoment(Matrix<double> c)
    {
        // Row-major copy of X read once: the stationary-covariance iteration calls this per sweep.
        var x = _rows ??= X.ToRowMajorArray();
        var cc = c.ToRowMajorArray();
        var (n, d) = (X.RowCount, D);
        var f = new double[d * d];
        var xc = new double[d];
        for (var k = 0; k < n; k++)
        {
            var xk = new ReadOnlySpan<double>(x, k * d, d);
            var q = 0.0;
            for (var i = 0; i < d; i++)
            {
                var v = 0.0;
                for (var j = 0; j < d; j++) v += cc[i * d + j] * xk[j];
                q += v * xk[i];
            }
            q /= n;
            for (var i = 0; i < d; i++)
            {
                var w = q * xk[i];
                for (var j = 0; j <= i; j++) f[i * d + j] += w * xk[j];
            }
        }
        for (var i = 0; i < d; i++)
            for (var j = 0; j < i; j++) f[j * d + i] = f[i * d + j];
        return Matrix<double>.Build.Dense(d, d, f);
    }

    private double[]? _rows;
}
