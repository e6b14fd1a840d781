using System.Runtime.Intrinsics;

namespace Lnsgd.Core;

/// <summary>
/// The SIMD width, in bits, the kernels use: 512 where the runtime accelerates Vector512 (AVX-512),
/// 256 where it accelerates Vector256 (AVX2), 128 otherwise. Every kernel's summation order is
/// defined without reference to the width (a reduction always keeps four interleaved partial sums,
/// combined as (s0 + s1) + (s2 + s3); element-wise work has no order to keep), so every width
/// gives the same bytes. Tests force each width to hold the kernels to that: Vector512 and
/// Vector128 work in software where the hardware lacks them, so all three run on any machine.
/// </summary>
internal static class VectorWidth
{
    /// <summary>The widest width the hardware accelerates.</summary>
    public static int Hardware { get; } =
        Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : 128;

    /// <summary>The width in use: <see cref="Hardware"/> unless a test has forced another.</summary>
    public static int Bits { get; private set; } = Hardware;

    /// <summary>Forces <paramref name="bits"/> (128, 256 or 512) until the returned scope is disposed; for tests only.</summary>
    internal static IDisposable Force(int bits)
    {
        if (bits is not (128 or 256 or 512)) throw new ArgumentOutOfRangeException(nameof(bits), bits, "the width is 128, 256 or 512 bits");
        var before = Bits;
        Bits = bits;
        return new Restore(before);
    }

    private sealed class Restore(int bits) : IDisposable
    {
        public void Dispose() => Bits = bits;
    }
}
