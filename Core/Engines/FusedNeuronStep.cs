using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Lnsgd.Core.Engines;

/// <summary>
/// The plain gradient step of every neuron for rows of at most five 4-wide vectors plus a scalar
/// tail (d ≤ 23, the paper's d = 20 included): s_i = w_i·g, c_i = η a_i, a_i ← a_i − η s_i, then
/// w_i ← w_i − c_i g and θ ← Σ_i a_i w_i. Every value goes through the operations of
/// <see cref="VectorKernels.Dot"/> and <see cref="VectorKernels.UpdateNeuron"/> in their order, so
/// the bytes are those of the neuron-by-neuron step (a property test holds it to that at every d);
/// what changes is that four neurons' dots share one reduction and θ never leaves registers.
/// At <see cref="VectorWidth"/> 512 two neurons' partial sums share a Vector512 and a row's
/// update takes pairs of 4-wide vectors at once, with the same operations on every value; at 128
/// the engine takes the two-pass sweep of <see cref="VectorKernels"/> instead.
/// </summary>
internal static class FusedNeuronStep
{
    /// <summary>Whether rows of <paramref name="d"/> values fit the fused kernel on this machine.</summary>
    public static bool Fits(int d) => VectorWidth.Bits >= 256 && Vector256.IsHardwareAccelerated && d >= 4 && d / 4 <= 5;

    /// <summary>The step of all neurons (w row-major m × d, a and the scratch c of length m); θ is overwritten.</summary>
    public static void Apply(Span<double> w, Span<double> a, Span<double> c, ReadOnlySpan<double> g, double eta, Span<double> theta)
    {
        if (VectorWidth.Bits == 512)
        {
            switch (g.Length / 4)
            {
                case 1: SecondLayer512<One>(w, a, c, g, eta); FirstLayer512<One>(w, a, c, g, theta); return;
                case 2: SecondLayer512<Two>(w, a, c, g, eta); FirstLayer512<Two>(w, a, c, g, theta); return;
                case 3: SecondLayer512<Three>(w, a, c, g, eta); FirstLayer512<Three>(w, a, c, g, theta); return;
                case 4: SecondLayer512<Four>(w, a, c, g, eta); FirstLayer512<Four>(w, a, c, g, theta); return;
                case 5: SecondLayer512<Five>(w, a, c, g, eta); FirstLayer512<Five>(w, a, c, g, theta); return;
                default: throw new ArgumentException($"rows of {g.Length} values do not fit the fused kernel");
            }
        }
        switch (g.Length / 4)
        {
            case 1: SecondLayer<One>(w, a, c, g, eta); FirstLayer<One>(w, a, c, g, theta); break;
            case 2: SecondLayer<Two>(w, a, c, g, eta); FirstLayer<Two>(w, a, c, g, theta); break;
            case 3: SecondLayer<Three>(w, a, c, g, eta); FirstLayer<Three>(w, a, c, g, theta); break;
            case 4: SecondLayer<Four>(w, a, c, g, eta); FirstLayer<Four>(w, a, c, g, theta); break;
            case 5: SecondLayer<Five>(w, a, c, g, eta); FirstLayer<Five>(w, a, c, g, theta); break;
            default: throw new ArgumentException($"rows of {g.Length} values do not fit the fused kernel");
        }
    }

    // Pass 1: s_i = w_i·g, c_i = η a_i, a_i ← a_i − η s_i. Four neurons at a time: their four
    // partial-sum vectors are transposed so that one add forms (s0 + s1) + (s2 + s3) for all four.
    // g stays in registers (TN.Count is a constant, so the row loop is unrolled and the unused
    // vectors vanish); each partial sum starts from zero as VectorKernels.Dot's does.
    private static void SecondLayer<TN>(ReadOnlySpan<double> w, Span<double> a, Span<double> c, ReadOnlySpan<double> g, double eta)
        where TN : struct, IVectorCount
    {
        var n = TN.Count;
        var (m, d) = (a.Length, g.Length);
        var i = 0;
        if (d == 4 * n && Avx.IsSupported)
        {
            ref var gr = ref MemoryMarshal.GetReference(g);
            ref var wr = ref MemoryMarshal.GetReference(w);
            ref var ar = ref MemoryMarshal.GetReference(a);
            ref var cr = ref MemoryMarshal.GetReference(c);
            var g0 = Vector256.LoadUnsafe(ref gr, 0);
            var g1 = n > 1 ? Vector256.LoadUnsafe(ref gr, 4) : default;
            var g2 = n > 2 ? Vector256.LoadUnsafe(ref gr, 8) : default;
            var g3 = n > 3 ? Vector256.LoadUnsafe(ref gr, 12) : default;
            var g4 = n > 4 ? Vector256.LoadUnsafe(ref gr, 16) : default;
            var etav = Vector256.Create(eta);
            for (; i + 4 <= m; i += 4)
            {
                ref var w0 = ref Unsafe.Add(ref wr, i * d);
                var p = Avx.HorizontalAdd(Partial<TN>(ref w0, g0, g1, g2, g3, g4), Partial<TN>(ref Unsafe.Add(ref w0, d), g0, g1, g2, g3, g4));
                var q = Avx.HorizontalAdd(Partial<TN>(ref Unsafe.Add(ref w0, 2 * d), g0, g1, g2, g3, g4), Partial<TN>(ref Unsafe.Add(ref w0, 3 * d), g0, g1, g2, g3, g4));
                Reduce(p, q, etav, ref ar, ref cr, i);
            }
        }
        Rest(w, a, c, g, eta, i);
    }

    // Four neurons' dots from the pairwise sums p (rows i, i+1) and q (rows i+2, i+3), combined as
    // VectorKernels.Dot does; then c ← η a and a ← a − η s for those neurons. Shared by both widths.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Reduce(Vector256<double> p, Vector256<double> q, Vector256<double> etav, ref double ar, ref double cr, int i)
    {
        var s = Avx.Permute2x128(p, q, 0x20) + Avx.Permute2x128(p, q, 0x31);
        var av = Vector256.LoadUnsafe(ref ar, (nuint)i);
        (etav * av).StoreUnsafe(ref cr, (nuint)i);
        (av - etav * s).StoreUnsafe(ref ar, (nuint)i);
    }

    // The neurons from i on, one at a time (rows that are not whole vectors, and the last m mod 4).
    private static void Rest(ReadOnlySpan<double> w, Span<double> a, Span<double> c, ReadOnlySpan<double> g, double eta, int i)
    {
        var d = g.Length;
        for (; i < a.Length; i++)
        {
            var s = VectorKernels.Dot(w.Slice(i * d, d), g);
            c[i] = eta * a[i];
            a[i] -= eta * s;
        }
    }

    // The four interleaved partial sums of VectorKernels.Dot for a row of TN.Count whole vectors.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Partial<TN>(ref double x, Vector256<double> g0, Vector256<double> g1, Vector256<double> g2, Vector256<double> g3, Vector256<double> g4)
        where TN : struct, IVectorCount
    {
        var n = TN.Count;
        var acc = Vector256<double>.Zero + Vector256.LoadUnsafe(ref x, 0) * g0;
        if (n > 1) acc += Vector256.LoadUnsafe(ref x, 4) * g1;
        if (n > 2) acc += Vector256.LoadUnsafe(ref x, 8) * g2;
        if (n > 3) acc += Vector256.LoadUnsafe(ref x, 12) * g3;
        if (n > 4) acc += Vector256.LoadUnsafe(ref x, 16) * g4;
        return acc;
    }

    // Pass 2: w_i ← w_i − c_i g and θ ← Σ_i a_i w_i with the new values; TN.Count is a constant in
    // each specialisation, so the unused vectors and branches vanish and θ stays in registers.
    private static void FirstLayer<TN>(Span<double> w, ReadOnlySpan<double> a, ReadOnlySpan<double> c, ReadOnlySpan<double> g, Span<double> theta)
        where TN : struct, IVectorCount
    {
        var n = TN.Count;
        var (m, d) = (a.Length, g.Length);
        var tail = d - 4 * n;
        ref var wr = ref MemoryMarshal.GetReference(w);
        ref var gr = ref MemoryMarshal.GetReference(g);
        ref var ar = ref MemoryMarshal.GetReference(a);
        ref var cr = ref MemoryMarshal.GetReference(c);
        var g0 = Vector256.LoadUnsafe(ref gr, 0);
        var g1 = n > 1 ? Vector256.LoadUnsafe(ref gr, 4) : default;
        var g2 = n > 2 ? Vector256.LoadUnsafe(ref gr, 8) : default;
        var g3 = n > 3 ? Vector256.LoadUnsafe(ref gr, 12) : default;
        var g4 = n > 4 ? Vector256.LoadUnsafe(ref gr, 16) : default;
        Vector256<double> t0 = default, t1 = default, t2 = default, t3 = default, t4 = default;
        double e0 = 0, e1 = 0, e2 = 0;   // θ's scalar tail
        for (var i = 0; i < m; i++)
        {
            ref var wi = ref Unsafe.Add(ref wr, i * d);
            var ci = Unsafe.Add(ref cr, i);
            var ai = Unsafe.Add(ref ar, i);
            var (cv, av) = (Vector256.Create(ci), Vector256.Create(ai));
            var u0 = Vector256.LoadUnsafe(ref wi, 0) - cv * g0; u0.StoreUnsafe(ref wi, 0); t0 += av * u0;
            if (n > 1) { var u1 = Vector256.LoadUnsafe(ref wi, 4) - cv * g1; u1.StoreUnsafe(ref wi, 4); t1 += av * u1; }
            if (n > 2) { var u2 = Vector256.LoadUnsafe(ref wi, 8) - cv * g2; u2.StoreUnsafe(ref wi, 8); t2 += av * u2; }
            if (n > 3) { var u3 = Vector256.LoadUnsafe(ref wi, 12) - cv * g3; u3.StoreUnsafe(ref wi, 12); t3 += av * u3; }
            if (n > 4) { var u4 = Vector256.LoadUnsafe(ref wi, 16) - cv * g4; u4.StoreUnsafe(ref wi, 16); t4 += av * u4; }
            if (tail > 0) e0 += ai * Update(ref Unsafe.Add(ref wi, 4 * n), ci, Unsafe.Add(ref gr, 4 * n));
            if (tail > 1) e1 += ai * Update(ref Unsafe.Add(ref wi, 4 * n + 1), ci, Unsafe.Add(ref gr, 4 * n + 1));
            if (tail > 2) e2 += ai * Update(ref Unsafe.Add(ref wi, 4 * n + 2), ci, Unsafe.Add(ref gr, 4 * n + 2));
        }
        ref var tr = ref MemoryMarshal.GetReference(theta);
        t0.StoreUnsafe(ref tr, 0);
        if (n > 1) t1.StoreUnsafe(ref tr, 4);
        if (n > 2) t2.StoreUnsafe(ref tr, 8);
        if (n > 3) t3.StoreUnsafe(ref tr, 12);
        if (n > 4) t4.StoreUnsafe(ref tr, 16);
        if (tail > 0) theta[4 * n] = e0;
        if (tail > 1) theta[4 * n + 1] = e1;
        if (tail > 2) theta[4 * n + 2] = e2;
    }

    // Pass 1 with Vector512: neurons i and i+1 share one register, row i in the low four lanes,
    // row i+1 in the high four, so each lane is the same partial sum, built by the same adds, as
    // in SecondLayer; the four-neuron reduction then runs on the 256-bit halves.
    private static void SecondLayer512<TN>(ReadOnlySpan<double> w, Span<double> a, Span<double> c, ReadOnlySpan<double> g, double eta)
        where TN : struct, IVectorCount
    {
        var n = TN.Count;
        var (m, d) = (a.Length, g.Length);
        var i = 0;
        if (d == 4 * n && Avx.IsSupported)
        {
            ref var gr = ref MemoryMarshal.GetReference(g);
            ref var wr = ref MemoryMarshal.GetReference(w);
            ref var ar = ref MemoryMarshal.GetReference(a);
            ref var cr = ref MemoryMarshal.GetReference(c);
            var g0 = Twice(ref gr, 0);
            var g1 = n > 1 ? Twice(ref gr, 4) : default;
            var g2 = n > 2 ? Twice(ref gr, 8) : default;
            var g3 = n > 3 ? Twice(ref gr, 12) : default;
            var g4 = n > 4 ? Twice(ref gr, 16) : default;
            var etav = Vector256.Create(eta);
            for (; i + 4 <= m; i += 4)
            {
                ref var w0 = ref Unsafe.Add(ref wr, i * d);
                var s01 = Partial512<TN>(ref w0, d, g0, g1, g2, g3, g4);
                var s23 = Partial512<TN>(ref Unsafe.Add(ref w0, 2 * d), d, g0, g1, g2, g3, g4);
                var p = Avx.HorizontalAdd(s01.GetLower(), s01.GetUpper());
                var q = Avx.HorizontalAdd(s23.GetLower(), s23.GetUpper());
                Reduce(p, q, etav, ref ar, ref cr, i);
            }
        }
        Rest(w, a, c, g, eta, i);
    }

    // g[at..at+4] in both halves.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Twice(ref double g, int at)
    {
        var v = Vector256.LoadUnsafe(ref g, (nuint)at);
        return Vector512.Create(v, v);
    }

    // The partial sums of rows x and x + d (low and high halves).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Partial512<TN>(ref double x, int d, Vector512<double> g0, Vector512<double> g1, Vector512<double> g2, Vector512<double> g3, Vector512<double> g4)
        where TN : struct, IVectorCount
    {
        var n = TN.Count;
        ref var y = ref Unsafe.Add(ref x, d);
        var acc = Vector512<double>.Zero + Pair(ref x, ref y, 0) * g0;
        if (n > 1) acc += Pair(ref x, ref y, 4) * g1;
        if (n > 2) acc += Pair(ref x, ref y, 8) * g2;
        if (n > 3) acc += Pair(ref x, ref y, 12) * g3;
        if (n > 4) acc += Pair(ref x, ref y, 16) * g4;
        return acc;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Pair(ref double x, ref double y, int at) =>
        Vector512.Create(Vector256.LoadUnsafe(ref x, (nuint)at), Vector256.LoadUnsafe(ref y, (nuint)at));

    // Pass 2 with Vector512: a row's 4-wide vectors taken in pairs (the odd one out, and the
    // scalar tail, as in FirstLayer); every value gets the same two operations as there.
    private static void FirstLayer512<TN>(Span<double> w, ReadOnlySpan<double> a, ReadOnlySpan<double> c, ReadOnlySpan<double> g, Span<double> theta)
        where TN : struct, IVectorCount
    {
        var n = TN.Count;
        var odd = 4 * (n - 1);   // the last 4-wide vector, taken alone when n is odd
        var (m, d) = (a.Length, g.Length);
        var tail = d - 4 * n;
        ref var wr = ref MemoryMarshal.GetReference(w);
        ref var gr = ref MemoryMarshal.GetReference(g);
        ref var ar = ref MemoryMarshal.GetReference(a);
        ref var cr = ref MemoryMarshal.GetReference(c);
        var g01 = n > 1 ? Vector512.LoadUnsafe(ref gr, 0) : default;
        var g23 = n > 3 ? Vector512.LoadUnsafe(ref gr, 8) : default;
        var gOdd = n % 2 == 1 ? Vector256.LoadUnsafe(ref gr, (nuint)odd) : default;
        Vector512<double> t01 = default, t23 = default;
        Vector256<double> tOdd = default;
        double e0 = 0, e1 = 0, e2 = 0;   // θ's scalar tail
        for (var i = 0; i < m; i++)
        {
            ref var wi = ref Unsafe.Add(ref wr, i * d);
            var ci = Unsafe.Add(ref cr, i);
            var ai = Unsafe.Add(ref ar, i);
            var (cv, av) = (Vector512.Create(ci), Vector512.Create(ai));
            if (n > 1) { var u = Vector512.LoadUnsafe(ref wi, 0) - cv * g01; u.StoreUnsafe(ref wi, 0); t01 += av * u; }
            if (n > 3) { var u = Vector512.LoadUnsafe(ref wi, 8) - cv * g23; u.StoreUnsafe(ref wi, 8); t23 += av * u; }
            if (n % 2 == 1)
            {
                var u = Vector256.LoadUnsafe(ref wi, (nuint)odd) - Vector256.Create(ci) * gOdd;
                u.StoreUnsafe(ref wi, (nuint)odd);
                tOdd += Vector256.Create(ai) * u;
            }
            if (tail > 0) e0 += ai * Update(ref Unsafe.Add(ref wi, 4 * n), ci, Unsafe.Add(ref gr, 4 * n));
            if (tail > 1) e1 += ai * Update(ref Unsafe.Add(ref wi, 4 * n + 1), ci, Unsafe.Add(ref gr, 4 * n + 1));
            if (tail > 2) e2 += ai * Update(ref Unsafe.Add(ref wi, 4 * n + 2), ci, Unsafe.Add(ref gr, 4 * n + 2));
        }
        ref var tr = ref MemoryMarshal.GetReference(theta);
        if (n > 1) t01.StoreUnsafe(ref tr, 0);
        if (n > 3) t23.StoreUnsafe(ref tr, 8);
        if (n % 2 == 1) tOdd.StoreUnsafe(ref tr, (nuint)odd);
        if (tail > 0) theta[4 * n] = e0;
        if (tail > 1) theta[4 * n + 1] = e1;
        if (tail > 2) theta[4 * n + 2] = e2;
    }

    // w ← w − c·g for one value; returns the new w.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Update(ref double w, double c, double g) => w = w - c * g;

    private interface IVectorCount { static abstract int Count { get; } }
    private struct One : IVectorCount { public static int Count => 1; }
    private struct Two : IVectorCount { public static int Count => 2; }
    private struct Three : IVectorCount { public static int Count => 3; }
    private struct Four : IVectorCount { public static int Count => 4; }
    private struct Five : IVectorCount { public static int Count => 5; }
}
