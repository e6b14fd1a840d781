using System.Runtime.CompilerServices;
using Lnsgd.Core.Networks;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MathNet.Numerics.LinearAlgebra;

namespace Lnsgd.Core.Engines;

/// <summary>
/// The width-independent representation derived in docs/gram-engine.md. With Z = [W a] (m×(d+1))
/// and Z₀ = U K₀ for a (d+1)×(d+1) K₀ (U's columns spanning Z₀'s), every in-span update Z' = Z M
/// keeps Z = U K with K' = K M, and G = ZᵀZ = KᵀK. K is itself a two-layer net of r = d+1
/// "virtual neurons" with the same θ = Wᵀa and the same dynamics, because the step is
/// equivariant under rotations of the neuron index.
/// <para>
/// K₀ is the Cholesky factor R of G₀ = Z₀ᵀZ₀ (one streaming pass, then a (d+1)×(d+1)
/// factorisation), so U = Z₀R⁻¹ is never formed: neuron i is z_i(0) + z_i(0)·R⁻¹(K − K₀), which
/// costs O(d²) per neuron and no m × (d+1) memory beyond Z₀ itself. When G₀ is singular or too
/// ill-conditioned for R⁻¹ (a zero column, m barely above d + 1, user weights of low rank) the
/// factor falls back to a thin Householder QR (MathNet), whose orthonormal U it then keeps.
/// </para>
/// </summary>
internal sealed class GramFactor
{
    // The smallest diagonal of R relative to its largest for which R⁻¹ is applied: R⁻¹'s rounding
    // grows like this ratio's inverse, and 1e-6 keeps it far inside the engine's 1e-9 agreement with the dense engine.
    private const double SmallestPivotRatio = 1e-6;

    // The fallback's U, column-major (m × r), MathNet's own storage of Q; null on the Cholesky path.
    private readonly double[]? _u;
    // R (upper triangular, row-major r × r) on the Cholesky path: Change applies R⁻¹ to K − K₀.
    private readonly double[]? _r;
    private readonly Network _start;

    private GramFactor(double[]? u, double[]? r, Network k, Network start) => (_u, _r, Virtual, _start) = (u, r, k, start);

    /// <summary>The virtual network K (r×d first layer, r second layer).</summary>
    public Network Virtual { get; }

    /// <summary>Whether the factor is the Cholesky one (U = Z₀R⁻¹ implicit) rather than the QR fallback (U kept).</summary>
    internal bool IsCholesky => _r is not null;

    /// <summary>
    /// Neuron i's coefficients c_i (r values) in <see cref="Neuron"/>'s row c_iᵀ·<see cref="Change"/>:
    /// z_i(0) = [w_i(0) a_i(0)] on the Cholesky path, row i of U on the QR fallback.
    /// </summary>
    internal void Coefficients(int i, Span<double> c)
    {
        var (m, d) = (_start.M, _start.D);
        if (_u is null)
        {
            _start.Neuron(i).CopyTo(c);
            c[d] = _start.A[i];
        }
        else
            for (var v = 0; v <= d; v++) c[v] = _u[v * m + i];
    }

    /// <summary>Factorises the network's Z = [W a] as U K₀: Cholesky of its Gram matrix, or a thin QR when that is ill-conditioned.</summary>
    public static GramFactor Of(Network net)
    {
        var (m, d) = (net.M, net.D);
        if (m <= d + 1) throw new ArgumentException("the gram factor needs m > d + 1; use the dense engine");
        var c = d + 1;
        if (Cholesky(GramMatrix.Of(net), c) is { } r)
        {
            var (kw, ka) = (new double[c * d], new double[c]);
            for (var i = 0; i < c; i++)
            {
                for (var j = 0; j < d; j++) kw[i * d + j] = r[i * c + j];
                ka[i] = r[i * c + d];
            }
            return new GramFactor(null, r, Network.Own(c, d, kw, ka), net);
        }
        var z = Matrix<double>.Build.Dense(m, c, (i, j) => j < d ? net.W[i * d + j] : net.A[i]);
        var qr = z.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
        var rq = qr.R;
        var w = new double[c * d];
        var a = new double[c];
        for (var i = 0; i <= d; i++)
        {
            for (var j = 0; j < d; j++) w[i * d + j] = rq[i, j];
            a[i] = rq[i, d];
        }
        return new GramFactor(qr.Q.AsColumnMajorArray() ?? qr.Q.ToColumnMajorArray(), null, Network.Own(c, d, w, a), net);
    }

    /// <summary>
    /// The upper triangular R with RᵀR = G (row-major c × c), or null when a pivot is not positive
    /// and finite or the smallest diagonal is below <see cref="SmallestPivotRatio"/> of the largest.
    /// Plain left-to-right sums: the same bytes on every machine.
    /// </summary>
    private static double[]? Cholesky(double[] g, int c)
    {
        var r = new double[c * c];
        for (var j = 0; j < c; j++)
        {
            var s = g[j * c + j];
            for (var k = 0; k < j; k++) s -= r[k * c + j] * r[k * c + j];
            if (!(s > 0) || !double.IsFinite(s)) return null;
            var pivot = Math.Sqrt(s);
            r[j * c + j] = pivot;
            for (var l = j + 1; l < c; l++)
            {
                var t = g[j * c + l];
                for (var k = 0; k < j; k++) t -= r[k * c + j] * r[k * c + l];
                r[j * c + l] = t / pivot;
            }
        }
        var (smallest, largest) = (double.PositiveInfinity, 0.0);
        for (var j = 0; j < c; j++) (smallest, largest) = (Math.Min(smallest, r[j * c + j]), Math.Max(largest, r[j * c + j]));
        return smallest >= SmallestPivotRatio * largest ? r : null;
    }

    /// <summary>
    /// The full network U K for a virtual network K evolved from <see cref="Virtual"/>, formed as
    /// Z₀ + U(K − K₀): exact at step 0, and the rounding error scales with the change, which is
    /// what the lazy-regime statistic measures. Each entry sums its r products in index order,
    /// then adds Z₀'s entry, so the bytes do not depend on the machine's vector width. Neurons are
    /// independent, so wide networks are formed on all cores with the same bytes.
    /// </summary>
    public Network Expand(Network k)
    {
        var (m, d) = (_start.M, _start.D);
        var change = Change(k.W.AsSpan(), k.A.AsSpan());
        var w = new double[m * d];
        var a = new double[m];
        void Rows(int from, int to)
        {
            var row = new double[d + 1];
            for (var i = from; i < to; i++) a[i] = Neuron(i, change, w.AsSpan(i * d, d), row);
        }
        const int block = 16_384;
        if (m < 4 * block) Rows(0, m);
        else Parallel.For(0, (m + block - 1) / block, b => Rows(b * block, Math.Min(m, (b + 1) * block)));
        return Network.Own(m, d, w, a);
    }

    /// <summary>
    /// The row length of <see cref="Change"/>'s layout: d + 1 values, padded with zeros to 24 when
    /// d + 1 ≤ 24, so one row is six whole vectors (<see cref="RowTimes"/>).
    /// </summary>
    internal int ChangeStride => _start.D + 1 <= WideRow ? WideRow : _start.D + 1;

    private const int WideRow = 24;

    /// <summary>
    /// What the coefficients carry into neuron space, r rows of d + 1 (row-major, rows
    /// <see cref="ChangeStride"/> apart): ΔK = K − K₀ as rows of [Δw Δa] on the QR fallback,
    /// R⁻¹ΔK (back substitution, column by column) on the Cholesky path.
    /// </summary>
    internal double[] Change(ReadOnlySpan<double> kW, ReadOnlySpan<double> kA)
    {
        var (d, r, p) = (_start.D, Virtual.M, ChangeStride);
        var c = d + 1;
        var change = new double[r * p];
        for (var v = 0; v < r; v++)
        {
            for (var j = 0; j < d; j++) change[v * p + j] = kW[v * d + j] - Virtual.W[v * d + j];
            change[v * p + d] = kA[v] - Virtual.A[v];
        }
        if (_r is not { } rr) return change;
        for (var col = 0; col < c; col++)
            for (var v = r - 1; v >= 0; v--)
            {
                var s = change[v * p + col];
                for (var k = v + 1; k < r; k++) s -= rr[v * r + k] * change[k * p + col];
                change[v * p + col] = s / rr[v * r + v];
            }
        return change;
    }

    /// <summary>
    /// Neuron i of Z₀ + c_iᵀ·<paramref name="change"/> (<see cref="Coefficients"/>): its weights into
    /// <paramref name="w"/>, its a_i returned. <paramref name="row"/> (d+1 values) is scratch. The one formula behind every expansion.
    /// </summary>
    internal double Neuron(int i, ReadOnlySpan<double> change, Span<double> w, Span<double> row)
    {
        var d = _start.D;
        if (_u is null && d % 4 == 0 && d + 1 <= WideRow) return NeuronFromStart(i, change, w);
        Span<double> u = stackalloc double[d + 1];
        Coefficients(i, u);
        RowTimes(u, change, row, ChangeStride);
        var w0 = _start.Neuron(i);
        var j = 0;
        for (; j + 4 <= d; j += 4) (Vector256.Create(w0[j..]) + Vector256.Create((ReadOnlySpan<double>)row[j..])).CopyTo(w[j..]);
        for (; j < d; j++) w[j] = w0[j] + row[j];
        return _start.A[i] + row[d];
    }

    /// <summary>
    /// <see cref="Neuron"/> on the Cholesky path for d a multiple of 4 up to 20 (the paper's d = 20):
    /// the coefficients are read straight from Z₀'s row and the six sums of <see cref="RowTimes"/>
    /// are added to w_i(0) in registers. The same operations in the same order, so the same bytes.
    /// </summary>
    private double NeuronFromStart(int i, ReadOnlySpan<double> change, Span<double> w)
    {
        var d = _start.D;
        var w0 = _start.Neuron(i);
        var a0 = _start.A[i];
        Span<double> u = stackalloc double[d + 1];
        w0.CopyTo(u);
        u[d] = a0;
        Span<Vector256<double>> sums = stackalloc Vector256<double>[6];
        WideSums(u, change, sums);
        for (var k = 0; 4 * k < d; k++) (Vector256.Create(w0[(4 * k)..]) + sums[k]).CopyTo(w[(4 * k)..]);
        return a0 + sums[d / 4].GetElement(0);
    }

    /// <summary>Whether <see cref="NeuronPair"/> applies: the Cholesky path with d a multiple of 4 up to 20.</summary>
    internal bool PairsFromStart => _u is null && _start.D % 4 == 0 && _start.D + 1 <= WideRow;

    /// <summary>
    /// Neurons <paramref name="from"/> and from + 1 of <see cref="Neuron"/> at once (<see cref="PairsFromStart"/>
    /// must hold): their weights into <paramref name="w0"/> and <paramref name="w1"/>, their a_i into
    /// <paramref name="a"/>. The same operations in the same order as two calls of <see cref="Neuron"/>,
    /// so the same bytes; each row of the change is loaded once for both neurons.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void NeuronPair(int from, ReadOnlySpan<double> change, Span<double> w0, Span<double> w1, Span<double> a)
    {
        var d = _start.D;
        ref var zr = ref MemoryMarshal.GetReference(_start.W.AsSpan());
        ref var ar = ref MemoryMarshal.GetReference(_start.A.AsSpan());
        ref var br = ref MemoryMarshal.GetReference(change);
        var (row0, row1) = ((nuint)(from * d), (nuint)((from + 1) * d));
        Vector256<double> p0 = default, p1 = default, p2 = default, p3 = default, p4 = default, p5 = default;
        Vector256<double> q0 = default, q1 = default, q2 = default, q3 = default, q4 = default, q5 = default;
        for (var v = 0; v <= d; v++)
        {
            // z_i(0) = [w_i(0) a_i(0)]: the coefficients of the Cholesky path (Coefficients).
            var (u0, u1) = v < d
                ? (Vector256.Create(Unsafe.Add(ref zr, row0 + (nuint)v)), Vector256.Create(Unsafe.Add(ref zr, row1 + (nuint)v)))
                : (Vector256.Create(Unsafe.Add(ref ar, from)), Vector256.Create(Unsafe.Add(ref ar, from + 1)));
            var at = (nuint)(v * WideRow);
            var b = Vector256.LoadUnsafe(ref br, at); p0 += u0 * b; q0 += u1 * b;
            b = Vector256.LoadUnsafe(ref br, at + 4); p1 += u0 * b; q1 += u1 * b;
            b = Vector256.LoadUnsafe(ref br, at + 8); p2 += u0 * b; q2 += u1 * b;
            b = Vector256.LoadUnsafe(ref br, at + 12); p3 += u0 * b; q3 += u1 * b;
            b = Vector256.LoadUnsafe(ref br, at + 16); p4 += u0 * b; q4 += u1 * b;
            b = Vector256.LoadUnsafe(ref br, at + 20); p5 += u0 * b; q5 += u1 * b;
        }
        Span<Vector256<double>> ps = [p0, p1, p2, p3, p4, p5], qs = [q0, q1, q2, q3, q4, q5];
        var start0 = _start.Neuron(from);
        var start1 = _start.Neuron(from + 1);
        for (var k = 0; 4 * k < d; k++)
        {
            (Vector256.Create(start0[(4 * k)..]) + ps[k]).CopyTo(w0[(4 * k)..]);
            (Vector256.Create(start1[(4 * k)..]) + qs[k]).CopyTo(w1[(4 * k)..]);
        }
        a[0] = _start.A[from] + ps[d / 4].GetElement(0);
        a[1] = _start.A[from + 1] + qs[d / 4].GetElement(0);
    }

    // uᵀ·B for B with rows WideRow apart, as six Vector256 sums in one pass: six independent
    // chains, each entry summed in row order from 0 with no fused multiply-add.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WideSums(ReadOnlySpan<double> u, ReadOnlySpan<double> b, Span<Vector256<double>> sums)
    {
        ref var br = ref MemoryMarshal.GetReference(b);
        Vector256<double> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default;
        for (var v = 0; v < u.Length; v++)
        {
            var uv = Vector256.Create(u[v]);
            var at = (nuint)(v * WideRow);
            s0 += uv * Vector256.LoadUnsafe(ref br, at);
            s1 += uv * Vector256.LoadUnsafe(ref br, at + 4);
            s2 += uv * Vector256.LoadUnsafe(ref br, at + 8);
            s3 += uv * Vector256.LoadUnsafe(ref br, at + 12);
            s4 += uv * Vector256.LoadUnsafe(ref br, at + 16);
            s5 += uv * Vector256.LoadUnsafe(ref br, at + 20);
        }
        (sums[0], sums[1], sums[2], sums[3], sums[4], sums[5]) = (s0, s1, s2, s3, s4, s5);
    }

    /// <summary>
    /// row ← uᵀ·B for B with u.Length rows of row.Length columns (row-major, rows
    /// <paramref name="stride"/> apart). Every entry sums its products in row order from 0 with no
    /// fused multiply-add, so SIMD and scalar give the same bytes. Rows of 24 (d ≤ 23) take six
    /// vector accumulators at once, so one pass over B with six independent sums; wider rows go
    /// four vectors at a time.
    /// </summary>
    private static void RowTimes(ReadOnlySpan<double> u, ReadOnlySpan<double> b, Span<double> row, int stride)
    {
        var c = row.Length;
        ref var br = ref MemoryMarshal.GetReference(b);
        if (stride == WideRow)
        {
            Span<Vector256<double>> sums = stackalloc Vector256<double>[6];
            WideSums(u, b, sums);
            MemoryMarshal.Cast<Vector256<double>, double>(sums)[..c].CopyTo(row);
            return;
        }
        var j = 0;
        for (; j + 16 <= c; j += 16)
        {
            Vector256<double> s0 = default, s1 = default, s2 = default, s3 = default;
            for (var v = 0; v < u.Length; v++)
            {
                var uv = Vector256.Create(u[v]);
                var at = (nuint)(v * stride + j);
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
            for (var v = 0; v < u.Length; v++) s0 += Vector256.Create(u[v]) * Vector256.LoadUnsafe(ref br, (nuint)(v * stride + j));
            s0.CopyTo(row[j..]);
        }
        for (; j < c; j++)
        {
            var s0 = 0.0;
            for (var v = 0; v < u.Length; v++) s0 += u[v] * b[v * stride + j];
            row[j] = s0;
        }
    }
}
