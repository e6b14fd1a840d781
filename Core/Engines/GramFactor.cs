using Lnsgd.Core.Networks;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MathNet.Numerics.LinearAlgebra;

namespace Lnsgd.Core.Engines;

/// <summary>
/// The width-independent representation derived in docs/gram-engine.md. With Z = [W a] (m×(d+1)) and a thin QR
/// Z₀ = U R, every in-span update Z' = Z M keeps Z = U K with K' = K M, and G = ZᵀZ = KᵀK.
/// K is itself a two-layer net of r = d+1 "virtual neurons" with the same θ = Wᵀa and the
/// same dynamics, because the step is equivariant under rotations of the neuron index.
/// </summary>
internal sealed class GramFactor
{
    // U column-major (m × r), MathNet's own storage of Q: keeping it avoids a second m × r copy
    // (a row-major one); a neuron gathers its r entries, one from each column stream.
    private readonly double[] _u;
    private readonly Network _start;

    private GramFactor(double[] u, Network k, Network start) => (_u, Virtual, _start) = (u, k, start);

    /// <summary>The virtual network K (r×d first layer, r second layer).</summary>
    public Network Virtual { get; }

    /// <summary>U, m×r row-major, with orthonormal columns (tests re-derive the expansion from it; a copy).</summary>
    internal double[] Basis
    {
        get
        {
            var (m, r) = (_start.M, Virtual.M);
            var rows = new double[m * r];
            for (var i = 0; i < m; i++)
                for (var v = 0; v < r; v++) rows[i * r + v] = _u[v * m + i];
            return rows;
        }
    }

    /// <summary>Factorises the network's Z = [W a] as U K by a thin Householder QR (MathNet).</summary>
    public static GramFactor Of(Network net)
    {
        var (m, d) = (net.M, net.D);
        if (m <= d + 1) throw new ArgumentException("the gram factor needs m > d + 1; use the dense engine");
        var z = Matrix<double>.Build.Dense(m, d + 1, (i, j) => j < d ? net.W[i * d + j] : net.A[i]);
        var qr = z.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
        var r = qr.R;
        var w = new double[(d + 1) * d];
        var a = new double[d + 1];
        for (var i = 0; i <= d; i++)
        {
            for (var j = 0; j < d; j++) w[i * d + j] = r[i, j];
            a[i] = r[i, d];
        }
        return new GramFactor(qr.Q.AsColumnMajorArray() ?? qr.Q.ToColumnMajorArray(), Network.Own(d + 1, d, w, a), net);
    }

    /// <summary>
    /// The full network U K for a virtual network K evolved from <see cref="Virtual"/>, formed as
    /// Z₀ + U(K − K₀): exact at step 0, and the rounding error scales with the change, which is
    /// what the lazy-regime statistic measures. Each entry sums its r products in index order,
    /// then adds Z₀'s entry, so the bytes do not depend on the machine's vector width.
    /// </summary>
    public Network Expand(Network k)
    {
        var (m, d) = (_start.M, _start.D);
        var change = Change(k.W.AsSpan(), k.A.AsSpan());
        var w = new double[m * d];
        var a = new double[m];
        var row = new double[d + 1];
        for (var i = 0; i < m; i++) a[i] = Neuron(i, change, w.AsSpan(i * d, d), row);
        return Network.Own(m, d, w, a);
    }

    /// <summary>ΔK = K − K₀ as r rows of [Δw Δa] (row-major r × (d+1)): what U carries into neuron space.</summary>
    internal double[] Change(ReadOnlySpan<double> kW, ReadOnlySpan<double> kA)
    {
        var (d, r) = (_start.D, Virtual.M);
        var c = d + 1;
        var change = new double[r * c];
        for (var v = 0; v < r; v++)
        {
            for (var j = 0; j < d; j++) change[v * c + j] = kW[v * d + j] - Virtual.W[v * d + j];
            change[v * c + d] = kA[v] - Virtual.A[v];
        }
        return change;
    }

    /// <summary>
    /// Neuron i of Z₀ + U·<paramref name="change"/>: its weights into <paramref name="w"/>, its a_i
    /// returned. <paramref name="row"/> (d+1 values) is scratch. The one formula behind every expansion.
    /// </summary>
    internal double Neuron(int i, ReadOnlySpan<double> change, Span<double> w, Span<double> row)
    {
        var (m, d, r) = (_start.M, _start.D, Virtual.M);
        Span<double> u = stackalloc double[r];
        for (var v = 0; v < r; v++) u[v] = _u[v * m + i];
        RowTimes(u, change, row);
        var w0 = _start.Neuron(i);
        for (var j = 0; j < d; j++) w[j] = w0[j] + row[j];
        return _start.A[i] + row[d];
    }

    /// <summary>
    /// row ← uᵀ·B for B with u.Length rows of row.Length columns (row-major). Every entry sums its
    /// products in row order with no fused multiply-add, so SIMD and scalar give the same bytes;
    /// four vector accumulators at a time keep the adds independent.
    /// </summary>
    private static void RowTimes(ReadOnlySpan<double> u, ReadOnlySpan<double> b, Span<double> row)
    {
        var c = row.Length;
        ref var br = ref MemoryMarshal.GetReference(b);
        var j = 0;
        for (; j + 16 <= c; j += 16)
        {
            Vector256<double> s0 = default, s1 = default, s2 = default, s3 = default;
            for (var v = 0; v < u.Length; v++)
            {
                var uv = Vector256.Create(u[v]);
                var at = (nuint)(v * c + j);
                s0 += uv * Vector256.LoadUnsafe(ref br, at);
                s1 += uv * Vector256.LoadUnsafe(ref br, at + 4);
                s2 += uv * Vector256.LoadUnsafe(ref br, at + 8);
                s3 += uv * Vector256.LoadUnsafe(ref br, at + 12);
            }
            s0.CopyTo(row[j..]); s1.CopyTo(row[(j + 4)..]); s2.CopyTo(row[(j + 8)..]); s3.CopyTo(row[(j + 12)..]);
        }
        for (; j + 4 <= c; j += 4)
        {
            var s0 = Vector256<double>.Zero;
            for (var v = 0; v < u.Length; v++) s0 += Vector256.Create(u[v]) * Vector256.LoadUnsafe(ref br, (nuint)(v * c + j));
            s0.CopyTo(row[j..]);
        }
        for (; j < c; j++)
        {
            var s0 = 0.0;
            for (var v = 0; v < u.Length; v++) s0 += u[v] * b[v * c + j];
            row[j] = s0;
        }
    }
}
