using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Lnsgd.Core.Random;

namespace Lnsgd.Core.Problems;

/// <summary>
/// The synthetic regression task of the paper's Section "Setup and Overview": rows of <see cref="X"/> are x_i ~ N(0, I_d),
/// labels are the clean y_i = θ⋆ᵀx_i, and a fresh test set comes from the same law.
/// Matrices are row-major (row i = sample i).
/// </summary>
public sealed record SyntheticProblem(
    int N, int NTest, int D,
    ImmutableArray<double> X, ImmutableArray<double> Y,
    ImmutableArray<double> XTest, ImmutableArray<double> YTest,
    ImmutableArray<double> ThetaStar)
{
    /// <summary>Equal sizes and equal data, element by element.</summary>
    public bool Equals(SyntheticProblem? other) =>
        other is not null && (N, NTest, D) == (other.N, other.NTest, other.D)
        && Elementwise.Equal(X, other.X) && Elementwise.Equal(Y, other.Y) && Elementwise.Equal(XTest, other.XTest)
        && Elementwise.Equal(YTest, other.YTest) && Elementwise.Equal(ThetaStar, other.ThetaStar);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(N, NTest, D, Elementwise.Hash(X), Elementwise.Hash(Y), Elementwise.Hash(ThetaStar));

    /// <summary>Row i of the training inputs.</summary>
    public ReadOnlySpan<double> Row(int i) => X.AsSpan().Slice(i * D, D);

    /// <summary>Row i of the test inputs.</summary>
    public ReadOnlySpan<double> TestRow(int i) => XTest.AsSpan().Slice(i * D, D);

    /// <summary>Draws the problem from <paramref name="seed"/>: inputs, teacher with the given norm, clean labels.</summary>
    public static SyntheticProblem Generate(int n, int nTest, int d, Teacher teacher, double teacherNorm, ulong seed)
    {
        var x = Gaussian(n, d, new RngKey(seed, Purpose.TrainInputs));
        var xTest = Gaussian(nTest, d, new RngKey(seed, Purpose.TestInputs));
        var theta = DrawTeacher(d, teacher, teacherNorm, seed);
        return FromData(n, nTest, d, x, xTest, theta);
    }

    /// <summary>Builds a problem from given inputs and teacher; labels are computed as θ⋆ᵀx.</summary>
    public static SyntheticProblem FromData(int n, int nTest, int d, double[] x, double[] xTest, double[] thetaStar)
    {
        if (x.Length != n * d || xTest.Length != nTest * d || thetaStar.Length != d)
            throw new ArgumentException("input shapes do not match n, n_test and d");
        return new SyntheticProblem(n, nTest, d,
            Wrap(x), Wrap(Labels(x, n, d, thetaStar)), Wrap(xTest), Wrap(Labels(xTest, nTest, d, thetaStar)),
            Wrap(thetaStar));
    }

    /// <summary>θ⋆ of the requested kind, scaled to norm <paramref name="norm"/>.</summary>
    public static double[] DrawTeacher(int d, Teacher teacher, double norm, ulong seed)
    {
        var key = new RngKey(seed, Purpose.Teacher);
        var theta = new double[d];
        switch (teacher)
        {
            case Teacher.Dense:
                for (var j = 0; j < d; j++) theta[j] = key.Normal(0, j);
                break;
            case Teacher.Sparse s:
                // The support is the K coordinates with the smallest uniform keys: a seeded random subset.
                var support = Enumerable.Range(0, d).OrderBy(j => key.Uniform(1, j)).ThenBy(j => j).Take(s.K);
                foreach (var j in support) theta[j] = key.Normal(0, j);
                break;
        }
        var length = Math.Sqrt(Kernels.Dot(theta, theta));
        for (var j = 0; j < d; j++) theta[j] = length > 0 ? theta[j] * (norm / length) : 0.0;
        return theta;
    }

    private static double[] Gaussian(int rows, int d, RngKey key)
    {
        var values = new double[rows * d];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < d; j++)
                values[i * d + j] = key.Normal(i, j);
        return values;
    }

    private static double[] Labels(double[] x, int rows, int d, double[] theta)
    {
        var y = new double[rows];
        for (var i = 0; i < rows; i++) y[i] = Kernels.Dot(x.AsSpan(i * d, d), theta);
        return y;
    }

    internal static ImmutableArray<double> Wrap(double[] values) => ImmutableCollectionsMarshal.AsImmutableArray(values);
}
