using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Lnsgd.Core.Networks;

/// <summary>
/// A two-layer linear network ŷ = aᵀWx (the paper's Section "Setup and Overview"): <see cref="W"/> is m×d row-major
/// (row i is neuron i's w_i), <see cref="A"/> holds the second layer a ∈ R^m. Immutable: every
/// step returns a new value.
/// </summary>
public sealed record Network(int M, int D, ImmutableArray<double> W, ImmutableArray<double> A)
{
    /// <summary>Equal shapes and equal weights, element by element.</summary>
    public bool Equals(Network? other) =>
        other is not null && (M, D) == (other.M, other.D) && Elementwise.Equal(W, other.W) && Elementwise.Equal(A, other.A);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(M, D, Elementwise.Hash(W), Elementwise.Hash(A));

    /// <summary>Neuron i's first-layer weights w_i.</summary>
    public ReadOnlySpan<double> Neuron(int i) => W.AsSpan().Slice(i * D, D);

    /// <summary>The end-to-end vector θ = Wᵀa, summed over neurons in order.</summary>
    public double[] Theta() => Theta(W.AsSpan(), A.AsSpan(), M, D);

    /// <summary>θ = Wᵀa for raw row-major buffers; neurons are added in index order.</summary>
    public static double[] Theta(ReadOnlySpan<double> w, ReadOnlySpan<double> a, int m, int d)
    {
        var theta = new double[d];
        for (var i = 0; i < m; i++)
        {
            var ai = a[i];
            var wi = w.Slice(i * d, d);
            for (var j = 0; j < d; j++) theta[j] += ai * wi[j];
        }
        return theta;
    }

    /// <summary>Wraps buffers the caller hands over and never touches again.</summary>
    public static Network Own(int m, int d, double[] w, double[] a)
    {
        if (w.Length != m * d || a.Length != m) throw new ArgumentException($"W must hold m·d = {m * d} values and a must hold m = {m}");
        return new Network(m, d, ImmutableCollectionsMarshal.AsImmutableArray(w), ImmutableCollectionsMarshal.AsImmutableArray(a));
    }

    /// <summary>True when every weight is a finite number.</summary>
    public bool IsFinite()
    {
        foreach (var v in W) if (!double.IsFinite(v)) return false;
        foreach (var v in A) if (!double.IsFinite(v)) return false;
        return true;
    }
}
