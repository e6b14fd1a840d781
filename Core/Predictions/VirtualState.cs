using MathNet.Numerics.LinearAlgebra;

namespace Lnsgd.Core.Predictions;

/// <summary>
/// A network as the rows of Z = [W a] (r rows of d+1 columns). The flow only ever multiplies Z
/// on the right (docs/prediction.md §2), so it runs on any Z with the same Gram matrix
/// G = ZᵀZ: the (d+1)-row virtual network of the gram engine, or all m neurons. Every
/// quantity below depends on G alone.
/// </summary>
public static class VirtualState
{
    /// <summary>G = ZᵀZ, symmetrised.</summary>
    public static Matrix<double> Gram(Matrix<double> z)
    {
        var g = z.TransposeThisAndMultiply(z);
        return (g + g.Transpose()) / 2;
    }

    /// <summary>θ = Wᵀa = G[0:d, d].</summary>
    public static Vector<double> Theta(Matrix<double> g) => g.Column(g.ColumnCount - 1, 0, g.ColumnCount - 1);

    /// <summary>WᵀW = G[0:d, 0:d].</summary>
    public static Matrix<double> WtW(Matrix<double> g) => g.SubMatrix(0, g.RowCount - 1, 0, g.ColumnCount - 1);

    /// <summary>‖a‖² = G[d, d].</summary>
    public static double ANormSq(Matrix<double> g) => g[g.RowCount - 1, g.ColumnCount - 1];

    /// <summary>‖W‖_F² = tr WᵀW.</summary>
    public static double WFrobSq(Matrix<double> g)
    {
        var s = 0.0;
        for (var j = 0; j < g.RowCount - 1; j++) s += g[j, j];
        return s;
    }

    /// <summary>
    /// The tangent kernel in θ-space, K_θ = WᵀW + ‖a‖² I: a step Z ← Z − η Z S(g) moves θ by
    /// −η K_θ g to first order (docs/prediction.md §4).
    /// </summary>
    public static Matrix<double> ThetaKernel(Matrix<double> g)
    {
        var k = WtW(g);
        var s = ANormSq(g);
        for (var j = 0; j < k.RowCount; j++) k[j, j] += s;
        return k;
    }

    /// <summary>
    /// U = K_θ⁻¹CK_θ⁻¹ (symmetrised): the covariance of u in the normal fluctuation δZ = Z S(u),
    /// δθ = K_θu, for a θ-covariance C (docs/prediction.md §5).
    /// </summary>
    public static Matrix<double> NormalCovariance(Matrix<double> g, Matrix<double> c)
    {
        var inverse = ThetaKernel(g).Inverse();
        var u = inverse * c * inverse;
        return (u + u.Transpose()) / 2;
    }

    /// <summary>
    /// dθ/dt when dZ/dt = Z M: θ̇ = M_wwᵀθ + ‖a‖² M[d, 0:d] + WᵀW M[0:d, d] + M[d, d] θ.
    /// </summary>
    public static Vector<double> ThetaVelocity(Matrix<double> g, Matrix<double> m)
    {
        var d = g.RowCount - 1;
        var theta = Theta(g);
        var mww = m.SubMatrix(0, d, 0, d);
        return mww.TransposeThisAndMultiply(theta)
            + ANormSq(g) * m.Row(d, 0, d)
            + WtW(g) * m.Column(d, 0, d)
            + m[d, d] * theta;
    }

    /// <summary>S(u) = e ûᵀ + û eᵀ, û = [u; 0]: ∇_Z(uᵀθ) = Z S(u), the normal directions of Γ.</summary>
    public static Matrix<double> Normal(Vector<double> u)
    {
        var d = u.Count;
        var s = Matrix<double>.Build.Dense(d + 1, d + 1);
        for (var j = 0; j < d; j++) { s[d, j] = u[j]; s[j, d] = u[j]; }
        return s;
    }
}
