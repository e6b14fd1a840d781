using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Lnsgd.Core.Engines;

/// <summary>
/// SIMD versions of <see cref="Kernels"/> for the in-place engines. Each produces exactly the
/// bytes of its scalar twin: lane l of a Vector256 is partial sum s_l, combined in the same
/// order, and no multiply-add is fused.
/// </summary>
internal static class VectorKernels
{
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        var acc = Vector256<double>.Zero;
        var k = 0;
        for (; k + 4 <= x.Length; k += 4)
            acc += Vector256.LoadUnsafe(ref xr, (nuint)k) * Vector256.LoadUnsafe(ref yr, (nuint)k);
        var s = (acc.GetElement(0) + acc.GetElement(1)) + (acc.GetElement(2) + acc.GetElement(3));
        for (; k < x.Length; k++) s += Unsafe.Add(ref xr, k) * Unsafe.Add(ref yr, k);
        return s;
    }

    /// <summary>Fused neuron update: w ← w − c·g, then θ ← θ + a·w (with the new w), element by element.</summary>
    public static void UpdateNeuron(Span<double> w, double c, ReadOnlySpan<double> g, Span<double> theta, double a)
    {
        ref var wr = ref MemoryMarshal.GetReference(w);
        ref var gr = ref MemoryMarshal.GetReference(g);
        ref var tr = ref MemoryMarshal.GetReference(theta);
        var cv = Vector256.Create(c);
        var av = Vector256.Create(a);
        var k = 0;
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
