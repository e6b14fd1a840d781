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

    /// <summary>y ← y − c·x, element by element.</summary>
    public static void SubtractScaled(Span<double> y, double c, ReadOnlySpan<double> x)
    {
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        var cv = Vector256.Create(c);
        var k = 0;
        for (; k + 4 <= y.Length; k += 4)
            (Vector256.LoadUnsafe(ref yr, (nuint)k) - cv * Vector256.LoadUnsafe(ref xr, (nuint)k)).StoreUnsafe(ref yr, (nuint)k);
        for (; k < y.Length; k++) Unsafe.Add(ref yr, k) -= c * Unsafe.Add(ref xr, k);
    }

    /// <summary>y ← y + c·x, element by element.</summary>
    public static void AddScaled(Span<double> y, double c, ReadOnlySpan<double> x)
    {
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        var cv = Vector256.Create(c);
        var k = 0;
        for (; k + 4 <= y.Length; k += 4)
            (Vector256.LoadUnsafe(ref yr, (nuint)k) + cv * Vector256.LoadUnsafe(ref xr, (nuint)k)).StoreUnsafe(ref yr, (nuint)k);
        for (; k < y.Length; k++) Unsafe.Add(ref yr, k) += c * Unsafe.Add(ref xr, k);
    }
}
