using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;

namespace Lnsgd.Core.Predictions;

/// <summary>
/// dZ/dτ = −¼ Z P_T(B(Σ)) with B(Σ) = 2 diag(Σ, tr Σ) (docs/prediction.md §2), evaluated straight
/// on Z's columns: the solver calls it thousands of times on a (d+1)-column Z, so it forms only
/// θ, ‖a‖² and WᵀW, solves K_θλ = θ̇ by a d×d Cholesky and writes Z(B − S(λ)) in one pass.
/// </summary>
internal static class ProjectedField
{
    /// <summary>The field at Z for a symmetric Σ (Σ̂ for the limit, Σ̃/σ_b² for the corrected flow).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Matrix<double> Of(Matrix<double> z, Matrix<double> sigma, ProblemGeometry geometry)
    {
        // X rank-deficient: Γ's constraint lives in the row space; the general projection handles it.
        if (!geometry.FullRank)
            return -0.25 * (z * TangentProjection.Project(VirtualState.Gram(z), ImplicitRegulariser.GradientFactor(sigma), geometry.RowSpace));
        int r = z.RowCount, d = z.ColumnCount - 1;
        var zc = z.AsColumnMajorArray() ?? z.ToColumnMajorArray();
        var s = sigma.AsColumnMajorArray() ?? sigma.ToColumnMajorArray();
        var a = new ReadOnlySpan<double>(zc, d * r, r);
        // K_θ = WᵀW + ‖a‖² I and θ = Wᵀa from column dot products.
        var kernel = new double[d * d];
        var theta = new double[d];
        var aSq = Dot(a, a);
        for (var j = 0; j < d; j++)
        {
            var cj = new ReadOnlySpan<double>(zc, j * r, r);
            theta[j] = Dot(cj, a);
            for (var l = 0; l <= j; l++) kernel[j * d + l] = kernel[l * d + j] = Dot(cj, new ReadOnlySpan<double>(zc, l * r, r));
            kernel[j * d + j] += aSq;
        }
        var trace = 0.0;
        for (var j = 0; j < d; j++) trace += s[j * d + j];
        // θ̇(B) = B_wwᵀθ + B[d,d]θ = 2Σθ + 2 tr Σ θ (B's off-diagonal blocks vanish); tangency: K_θλ = θ̇.
        var lambda = new double[d];
        for (var j = 0; j < d; j++)
        {
            var v = 2 * trace * theta[j];
            for (var l = 0; l < d; l++) v += 2 * s[l * d + j] * theta[l];
            lambda[j] = v;
        }
        CholeskySolve(kernel, lambda, d);
        // −¼ Z M with M = [[2Σ, −λ], [−λᵀ, 2 tr Σ]].
        var result = new double[r * (d + 1)];
        for (var j = 0; j < d; j++)
        {
            var outj = new Span<double>(result, j * r, r);
            for (var l = 0; l < d; l++)
            {
                var coef = -0.5 * s[j * d + l];
                if (coef == 0) continue;
                var cl = new ReadOnlySpan<double>(zc, l * r, r);
                for (var i = 0; i < r; i++) outj[i] += coef * cl[i];
            }
            var lj = 0.25 * lambda[j];
            for (var i = 0; i < r; i++) outj[i] += lj * a[i];
        }
        var outa = new Span<double>(result, d * r, r);
        for (var l = 0; l < d; l++)
        {
            var ll = 0.25 * lambda[l];
            var cl = new ReadOnlySpan<double>(zc, l * r, r);
            for (var i = 0; i < r; i++) outa[i] += ll * cl[i];
        }
        for (var i = 0; i < r; i++) outa[i] -= 0.5 * trace * a[i];
        return Matrix<double>.Build.Dense(r, d + 1, result);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++) sum += x[i] * y[i];
        return sum;
    }

    // In-place Cholesky solve of the symmetric positive definite d×d system K x = b (b overwritten).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CholeskySolve(double[] k, double[] b, int d)
    {
        for (var j = 0; j < d; j++)
        {
            var diag = k[j * d + j];
            for (var p = 0; p < j; p++) diag -= k[j * d + p] * k[j * d + p];
            if (!(diag > 0)) throw new ArithmeticException("K_θ is not positive definite: the network has collapsed");
            diag = Math.Sqrt(diag);
            k[j * d + j] = diag;
            for (var i = j + 1; i < d; i++)
            {
                var v = k[i * d + j];
                for (var p = 0; p < j; p++) v -= k[i * d + p] * k[j * d + p];
                k[i * d + j] = v / diag;
            }
        }
        for (var i = 0; i < d; i++)
        {
            var v = b[i];
            for (var p = 0; p < i; p++) v -= k[i * d + p] * b[p];
            b[i] = v / k[i * d + i];
        }
        for (var i = d - 1; i >= 0; i--)
        {
            var v = b[i];
            for (var p = i + 1; p < d; p++) v -= k[p * d + i] * b[p];
            b[i] = v / k[i * d + i];
        }
    }
}
