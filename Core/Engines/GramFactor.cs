using MathNet.Numerics.LinearAlgebra;

namespace Lnsgd.Core.Engines;

/// <summary>
/// The width-independent representation of DESIGN.md. With Z = [W a] (m×(d+1)) and a thin QR
/// Z₀ = U R, every in-span update Z' = Z M keeps Z = U K with K' = K M, and G = ZᵀZ = KᵀK.
/// K is itself a two-layer net of r = d+1 "virtual neurons" with the same θ = Wᵀa and the
/// same dynamics, because the step is equivariant under rotations of the neuron index.
/// </summary>
public sealed class GramFactor
{
    private readonly Matrix<double> _u;
    private readonly Network.Network _start;

    private GramFactor(Matrix<double> u, Network.Network k, Network.Network start) => (_u, Virtual, _start) = (u, k, start);

    /// <summary>The virtual network K (r×d first layer, r second layer).</summary>
    public Network.Network Virtual { get; }

    /// <summary>Factorises the network's Z = [W a] as U K by a thin Householder QR (MathNet).</summary>
    public static GramFactor Of(Network.Network net)
    {
        var (m, d) = (net.M, net.D);
        if (m <= d + 1) throw new ArgumentException("the gram factor needs m > d + 1; use the dense engine");
        var z = Matrix<double>.Build.Dense(m, d + 1, (i, j) => j < d ? net.W[i * d + j] : net.A[i]);
        var qr = z.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
        return new GramFactor(qr.Q, FromZ(qr.R, d), net);
    }

    /// <summary>
    /// The full network U K for a virtual network K evolved from <see cref="Virtual"/>, formed as
    /// Z₀ + U(K − K₀): exact at step 0, and the rounding error scales with the change, which is
    /// what the lazy-regime statistic measures.
    /// </summary>
    public Network.Network Expand(Network.Network k)
    {
        var change = FromZ(_u * (ToZ(k) - ToZ(Virtual)), k.D);
        var w = new double[_start.W.Length];
        var a = new double[_start.M];
        for (var x = 0; x < w.Length; x++) w[x] = _start.W[x] + change.W[x];
        for (var i = 0; i < a.Length; i++) a[i] = _start.A[i] + change.A[i];
        return Network.Network.Own(_start.M, _start.D, w, a);
    }

    private static Matrix<double> ToZ(Network.Network net) =>
        Matrix<double>.Build.Dense(net.M, net.D + 1, (i, j) => j < net.D ? net.W[i * net.D + j] : net.A[i]);

    private static Network.Network FromZ(Matrix<double> z, int d)
    {
        var m = z.RowCount;
        var w = new double[m * d];
        var a = new double[m];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < d; j++) w[i * d + j] = z[i, j];
            a[i] = z[i, d];
        }
        return Network.Network.Own(m, d, w, a);
    }
}
