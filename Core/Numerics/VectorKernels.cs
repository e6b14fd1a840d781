using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Lnsgd.Core.Numerics;

/// <summary>
/// SIMD versions of <see cref="Kernels"/> for the in-place engines. Each produces exactly the
/// bytes of its scalar twin at every <see cref="VectorWidth"/>: a reduction keeps the four
/// partial sums s_l of Kernels.Dot (lane l of a Vector256; lanes 0–1 and 2–3 of two Vector128s;
/// a Vector512's products are added four lanes at a time), combined in the same order;
/// element-wise work is the same at any width; no multiply-add is fused.
/// </summary>
internal static class VectorKernels
{
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        double s;
        var k = 0;
        if (VectorWidth.Bits == 128)
        {
            Vector128<double> lo = Vector128<double>.Zero, hi = Vector128<double>.Zero;
            for (; k + 4 <= x.Length; k += 4)
            {
                lo += Vector128.LoadUnsafe(ref xr, (nuint)k) * Vector128.LoadUnsafe(ref yr, (nuint)k);
                hi += Vector128.LoadUnsafe(ref xr, (nuint)(k + 2)) * Vector128.LoadUnsafe(ref yr, (nuint)(k + 2));
            }
            s = (lo.GetElement(0) + lo.GetElement(1)) + (hi.GetElement(0) + hi.GetElement(1));
        }
        else
        {
            var acc = Vector256<double>.Zero;
            if (VectorWidth.Bits == 512)
                for (; k + 8 <= x.Length; k += 8)
                {
                    var p = Vector512.LoadUnsafe(ref xr, (nuint)k) * Vector512.LoadUnsafe(ref yr, (nuint)k);
                    acc = acc + p.GetLower() + p.GetUpper();
                }
            for (; k + 4 <= x.Length; k += 4)
                acc += Vector256.LoadUnsafe(ref xr, (nuint)k) * Vector256.LoadUnsafe(ref yr, (nuint)k);
            s = (acc.GetElement(0) + acc.GetElement(1)) + (acc.GetElement(2) + acc.GetElement(3));
        }
        for (; k < x.Length; k++) s += Unsafe.Add(ref xr, k) * Unsafe.Add(ref yr, k);
        return s;
    }

    /// <summary>
    /// Every neuron's update in one sweep: w_i ← w_i − c_i·g, then θ ← Σ_i a_i w_i (new w, a) in
    /// neuron order. The same operations on every element as <see cref="UpdateNeuron"/> applied
    /// neuron by neuron, so the same bytes; θ is kept in registers over blocks of 16 coordinates,
    /// which breaks the store–reload chain through θ that bounds the per-neuron version.
    /// </summary>
    public static void UpdateAll(Span<double> w, ReadOnlySpan<double> c, ReadOnlySpan<double> g, ReadOnlySpan<double> a, Span<double> theta)
    {
        var (m, d) = (a.Length, g.Length);
        ref var wr = ref MemoryMarshal.GetReference(w);
        ref var gr = ref MemoryMarshal.GetReference(g);
        ref var tr = ref MemoryMarshal.GetReference(theta);
        ref var cr = ref MemoryMarshal.GetReference(c);
        ref var ar = ref MemoryMarshal.GetReference(a);
        var k = VectorWidth.Bits switch
        {
            512 => Blocks512(m, d, ref wr, ref gr, ref tr, ref cr, ref ar),
            128 => Blocks128(m, d, ref wr, ref gr, ref tr, ref cr, ref ar),
            _ => 0,
        };
        for (; k + 16 <= d; k += 16)
        {
            var (g0, g1, g2, g3) = (Load(ref gr, k), Load(ref gr, k + 4), Load(ref gr, k + 8), Load(ref gr, k + 12));
            Vector256<double> t0 = default, t1 = default, t2 = default, t3 = default;
            for (var i = 0; i < m; i++)
            {
                var at = i * d + k;
                var cv = Vector256.Create(Unsafe.Add(ref cr, i));
                var av = Vector256.Create(Unsafe.Add(ref ar, i));
                var u0 = Load(ref wr, at) - cv * g0;
                var u1 = Load(ref wr, at + 4) - cv * g1;
                var u2 = Load(ref wr, at + 8) - cv * g2;
                var u3 = Load(ref wr, at + 12) - cv * g3;
                u0.StoreUnsafe(ref wr, (nuint)at); u1.StoreUnsafe(ref wr, (nuint)(at + 4));
                u2.StoreUnsafe(ref wr, (nuint)(at + 8)); u3.StoreUnsafe(ref wr, (nuint)(at + 12));
                t0 += av * u0; t1 += av * u1; t2 += av * u2; t3 += av * u3;
            }
            t0.StoreUnsafe(ref tr, (nuint)k); t1.StoreUnsafe(ref tr, (nuint)(k + 4));
            t2.StoreUnsafe(ref tr, (nuint)(k + 8)); t3.StoreUnsafe(ref tr, (nuint)(k + 12));
        }
        for (; k + 4 <= d; k += 4)
        {
            var g0 = Load(ref gr, k);
            var t0 = Vector256<double>.Zero;
            for (var i = 0; i < m; i++)
            {
                var at = i * d + k;
                var u0 = Load(ref wr, at) - Vector256.Create(Unsafe.Add(ref cr, i)) * g0;
                u0.StoreUnsafe(ref wr, (nuint)at);
                t0 += Vector256.Create(Unsafe.Add(ref ar, i)) * u0;
            }
            t0.StoreUnsafe(ref tr, (nuint)k);
        }
        for (; k < d; k++)
        {
            var (gk, t) = (Unsafe.Add(ref gr, k), 0.0);
            for (var i = 0; i < m; i++)
            {
                ref var wik = ref Unsafe.Add(ref wr, i * d + k);
                wik -= Unsafe.Add(ref cr, i) * gk;
                t += Unsafe.Add(ref ar, i) * wik;
            }
            Unsafe.Add(ref tr, k) = t;
        }
    }

    // UpdateAll's columns in blocks of 32 and then 8 with Vector512; returns the first column left.
    private static int Blocks512(int m, int d, ref double wr, ref double gr, ref double tr, ref double cr, ref double ar)
    {
        var k = 0;
        for (; k + 32 <= d; k += 32)
        {
            var (g0, g1, g2, g3) = (Vector512.LoadUnsafe(ref gr, (nuint)k), Vector512.LoadUnsafe(ref gr, (nuint)(k + 8)), Vector512.LoadUnsafe(ref gr, (nuint)(k + 16)), Vector512.LoadUnsafe(ref gr, (nuint)(k + 24)));
            Vector512<double> t0 = default, t1 = default, t2 = default, t3 = default;
            for (var i = 0; i < m; i++)
            {
                var at = (nuint)(i * d + k);
                var cv = Vector512.Create(Unsafe.Add(ref cr, i));
                var av = Vector512.Create(Unsafe.Add(ref ar, i));
                var u0 = Vector512.LoadUnsafe(ref wr, at) - cv * g0;
                var u1 = Vector512.LoadUnsafe(ref wr, at + 8) - cv * g1;
                var u2 = Vector512.LoadUnsafe(ref wr, at + 16) - cv * g2;
                var u3 = Vector512.LoadUnsafe(ref wr, at + 24) - cv * g3;
                u0.StoreUnsafe(ref wr, at); u1.StoreUnsafe(ref wr, at + 8); u2.StoreUnsafe(ref wr, at + 16); u3.StoreUnsafe(ref wr, at + 24);
                t0 += av * u0; t1 += av * u1; t2 += av * u2; t3 += av * u3;
            }
            t0.StoreUnsafe(ref tr, (nuint)k); t1.StoreUnsafe(ref tr, (nuint)(k + 8));
            t2.StoreUnsafe(ref tr, (nuint)(k + 16)); t3.StoreUnsafe(ref tr, (nuint)(k + 24));
        }
        for (; k + 8 <= d; k += 8)
        {
            var g0 = Vector512.LoadUnsafe(ref gr, (nuint)k);
            var t0 = Vector512<double>.Zero;
            for (var i = 0; i < m; i++)
            {
                var at = (nuint)(i * d + k);
                var u0 = Vector512.LoadUnsafe(ref wr, at) - Vector512.Create(Unsafe.Add(ref cr, i)) * g0;
                u0.StoreUnsafe(ref wr, at);
                t0 += Vector512.Create(Unsafe.Add(ref ar, i)) * u0;
            }
            t0.StoreUnsafe(ref tr, (nuint)k);
        }
        return k;
    }

    // UpdateAll's columns in blocks of 8 and then 2 with Vector128; returns the first column left.
    private static int Blocks128(int m, int d, ref double wr, ref double gr, ref double tr, ref double cr, ref double ar)
    {
        var k = 0;
        for (; k + 8 <= d; k += 8)
        {
            var (g0, g1, g2, g3) = (Vector128.LoadUnsafe(ref gr, (nuint)k), Vector128.LoadUnsafe(ref gr, (nuint)(k + 2)), Vector128.LoadUnsafe(ref gr, (nuint)(k + 4)), Vector128.LoadUnsafe(ref gr, (nuint)(k + 6)));
            Vector128<double> t0 = default, t1 = default, t2 = default, t3 = default;
            for (var i = 0; i < m; i++)
            {
                var at = (nuint)(i * d + k);
                var cv = Vector128.Create(Unsafe.Add(ref cr, i));
                var av = Vector128.Create(Unsafe.Add(ref ar, i));
                var u0 = Vector128.LoadUnsafe(ref wr, at) - cv * g0;
                var u1 = Vector128.LoadUnsafe(ref wr, at + 2) - cv * g1;
                var u2 = Vector128.LoadUnsafe(ref wr, at + 4) - cv * g2;
                var u3 = Vector128.LoadUnsafe(ref wr, at + 6) - cv * g3;
                u0.StoreUnsafe(ref wr, at); u1.StoreUnsafe(ref wr, at + 2); u2.StoreUnsafe(ref wr, at + 4); u3.StoreUnsafe(ref wr, at + 6);
                t0 += av * u0; t1 += av * u1; t2 += av * u2; t3 += av * u3;
            }
            t0.StoreUnsafe(ref tr, (nuint)k); t1.StoreUnsafe(ref tr, (nuint)(k + 2));
            t2.StoreUnsafe(ref tr, (nuint)(k + 4)); t3.StoreUnsafe(ref tr, (nuint)(k + 6));
        }
        for (; k + 2 <= d; k += 2)
        {
            var g0 = Vector128.LoadUnsafe(ref gr, (nuint)k);
            var t0 = Vector128<double>.Zero;
            for (var i = 0; i < m; i++)
            {
                var at = (nuint)(i * d + k);
                var u0 = Vector128.LoadUnsafe(ref wr, at) - Vector128.Create(Unsafe.Add(ref cr, i)) * g0;
                u0.StoreUnsafe(ref wr, at);
                t0 += Vector128.Create(Unsafe.Add(ref ar, i)) * u0;
            }
            t0.StoreUnsafe(ref tr, (nuint)k);
        }
        return k;
    }

    private static Vector256<double> Load(ref double at, int offset) => Vector256.LoadUnsafe(ref at, (nuint)offset);

    /// <summary>Fused neuron update: w ← w − c·g, then θ ← θ + a·w (with the new w), element by element.</summary>
    public static void UpdateNeuron(Span<double> w, double c, ReadOnlySpan<double> g, Span<double> theta, double a)
    {
        ref var wr = ref MemoryMarshal.GetReference(w);
        ref var gr = ref MemoryMarshal.GetReference(g);
        ref var tr = ref MemoryMarshal.GetReference(theta);
        var k = 0;
        if (VectorWidth.Bits == 512)
        {
            var (c8, a8) = (Vector512.Create(c), Vector512.Create(a));
            for (; k + 8 <= w.Length; k += 8)
            {
                var updated = Vector512.LoadUnsafe(ref wr, (nuint)k) - c8 * Vector512.LoadUnsafe(ref gr, (nuint)k);
                updated.StoreUnsafe(ref wr, (nuint)k);
                (Vector512.LoadUnsafe(ref tr, (nuint)k) + a8 * updated).StoreUnsafe(ref tr, (nuint)k);
            }
        }
        else if (VectorWidth.Bits == 128)
        {
            var (c2, a2) = (Vector128.Create(c), Vector128.Create(a));
            for (; k + 2 <= w.Length; k += 2)
            {
                var updated = Vector128.LoadUnsafe(ref wr, (nuint)k) - c2 * Vector128.LoadUnsafe(ref gr, (nuint)k);
                updated.StoreUnsafe(ref wr, (nuint)k);
                (Vector128.LoadUnsafe(ref tr, (nuint)k) + a2 * updated).StoreUnsafe(ref tr, (nuint)k);
            }
        }
        var cv = Vector256.Create(c);
        var av = Vector256.Create(a);
        for (; k + 4 <= w.Length; k += 4)
        {
            var updated = Vector256.LoadUnsafe(ref wr, (nuint)k) - cv * Vector256.LoadUnsafe(ref gr, (nuint)k);
            updated.StoreUnsafe(ref wr, (nuint)k);
            (Vector256.LoadUnsafe(ref tr, (nuint)k) + av * updated).StoreUnsafe(ref tr, (nuint)k);
        }
        for (; k < w.Length; k++)
        {
            var updated = Unsafe.Add(ref wr, k) - c * Unsafe.Add(ref gr, k);
            Unsafe.Add(ref wr, k) = updated;
            Unsafe.Add(ref tr, k) += a * updated;
        }
    }
}
