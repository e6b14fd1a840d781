using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Lnsgd.Core.Numerics;

/// <summary>
/// Dense matrix product C = α·op(A)·op(B) (+ C), row-major doubles, for the nonlinear networks.
/// Large products are packed into MR×KC and KC×NR panels and multiplied by a 6×8 register-blocked
/// SIMD micro-kernel (fused multiply-add where the CPU has it) at the widest vector width the CPU
/// accelerates (<see cref="VectorWidth"/>: six 8-lane rows of Vector512, twelve Vector256 or
/// twenty-four Vector128 accumulators); small ones take plain loops. Every output element is the
/// same chain of multiply-adds over k whatever the width, so the bytes do not depend on it.
/// Deterministic across thread counts: work is split over output tiles only, and every output
/// element is summed over k in the same blocks, in the same order, whoever computes it.
/// (MathNet.Numerics 5's native providers need native builds the package feed does not serve for
/// Linux, so this replaces them.)
/// </summary>
internal static class Gemm
{
    private const int MR = 6, NR = 8, KC = 256, MC = 96, NC = 256;

    // Below this many multiply-adds, packing costs more than it saves.
    private const long SmallWork = 48 * 1024;

    /// <summary>
    /// C (m×n) = α·op(A)·op(B), or C += α·op(A)·op(B) when <paramref name="accumulate"/>.
    /// op(A) is m×k: A is stored m×k, or k×m when <paramref name="transA"/>. op(B) is k×n: B is
    /// stored k×n, or n×k when <paramref name="transB"/>. <paramref name="threads"/> ≤ 0 means
    /// every core; the result does not depend on it.
    /// </summary>
    public static void MultiplySpans(bool transA, bool transB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, bool accumulate = false, int threads = 0)
    {
        if (m < 0 || n < 0 || k < 0) throw new ArgumentOutOfRangeException(nameof(m), "matrix sizes must be non-negative");
        if (a.Length < (long)m * k || b.Length < (long)k * n || c.Length < (long)m * n)
            throw new ArgumentException($"buffers too small for a {m}×{k} by {k}×{n} product");
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate) c[..(m * n)].Clear();
            return;
        }
        if ((long)m * n * k <= SmallWork || m < 2) { Small(transA, transB, m, n, k, alpha, a, b, c, accumulate); return; }
        // Spans cannot cross into worker threads: copy through arrays (a cost of O(size), not O(m·n·k)).
        var result = new double[m * n];
        if (accumulate) c[..(m * n)].CopyTo(result);
        Blocked(transA, transB, m, n, k, alpha, a[..(m * k)].ToArray(), b[..(k * n)].ToArray(), result, accumulate, threads);
        result.AsSpan().CopyTo(c);
    }

    /// <summary>
    /// As <see cref="MultiplySpans"/> over array segments (each matrix starts at its segment's
    /// offset; a plain array converts implicitly), with no copies.
    /// </summary>
    public static void Multiply(bool transA, bool transB, int m, int n, int k, double alpha,
        ArraySegment<double> a, ArraySegment<double> b, ArraySegment<double> c, bool accumulate = false, int threads = 0)
    {
        if (m < 0 || n < 0 || k < 0) throw new ArgumentOutOfRangeException(nameof(m), "matrix sizes must be non-negative");
        if (a.Count < (long)m * k || b.Count < (long)k * n || c.Count < (long)m * n)
            throw new ArgumentException($"buffers too small for a {m}×{k} by {k}×{n} product");
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate) c.AsSpan(0, m * n).Clear();
            return;
        }
        if ((long)m * n * k <= SmallWork || m < 2) { Small(transA, transB, m, n, k, alpha, a, b, c, accumulate); return; }
        Blocked(transA, transB, m, n, k, alpha, a, b, c, accumulate, threads);
    }

    // Plain loops in the unit-stride order of each layout; k ascends for every element.
    private static void Small(bool transA, bool transB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, bool accumulate)
    {
        if (!transB)
        {
            Span<double> row = n <= 512 ? stackalloc double[n] : new double[n];
            for (var i = 0; i < m; i++)
            {
                row.Clear();
                for (var p = 0; p < k; p++)
                {
                    var aip = transA ? a[p * m + i] : a[i * k + p];
                    if (aip == 0.0) continue;
                    Axpy(aip, b.Slice(p * n, n), row);
                }
                Store(c.Slice(i * n, n), row, alpha, accumulate);
            }
        }
        else
        {
            var column = transA ? new double[k] : [];
            for (var i = 0; i < m; i++)
            {
                ReadOnlySpan<double> ai;
                if (transA) { for (var p = 0; p < k; p++) column[p] = a[p * m + i]; ai = column.AsSpan(); }
                else ai = a.Slice(i * k, k);
                for (var j = 0; j < n; j++)
                {
                    var s = Dot(ai, b.Slice(j * k, k));
                    c[i * n + j] = accumulate ? c[i * n + j] + alpha * s : alpha * s;
                }
            }
        }
    }

    private static void Store(Span<double> c, ReadOnlySpan<double> row, double alpha, bool accumulate)
    {
        if (accumulate) for (var j = 0; j < c.Length; j++) c[j] += alpha * row[j];
        else for (var j = 0; j < c.Length; j++) c[j] = alpha * row[j];
    }

    /// <summary>
    /// y += α·x, element by element: the elements of whole groups of four fused (where the CPU has
    /// FMA), the last length mod 4 unfused, at every vector width, so the bytes do not depend on it.
    /// </summary>
    internal static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        var whole = x.Length & ~3;
        var j = 0;
        switch (VectorWidth.Bits)
        {
            case 512:
            {
                var av = Vector512.Create(alpha);
                for (; j + 8 <= whole; j += 8)
                    Fused(av, Vector512.LoadUnsafe(ref xr, (nuint)j), Vector512.LoadUnsafe(ref yr, (nuint)j)).StoreUnsafe(ref yr, (nuint)j);
                break;
            }
            case 128:
            {
                var av = Vector128.Create(alpha);
                for (; j + 2 <= whole; j += 2)
                    Fused(av, Vector128.LoadUnsafe(ref xr, (nuint)j), Vector128.LoadUnsafe(ref yr, (nuint)j)).StoreUnsafe(ref yr, (nuint)j);
                break;
            }
        }
        var a4 = Vector256.Create(alpha);
        for (; j + 4 <= x.Length; j += 4)
            Fused(a4, Vector256.LoadUnsafe(ref xr, (nuint)j), Vector256.LoadUnsafe(ref yr, (nuint)j)).StoreUnsafe(ref yr, (nuint)j);
        for (; j < x.Length; j++) Unsafe.Add(ref yr, j) += alpha * Unsafe.Add(ref xr, j);
    }

    /// <summary>Σ x_j y_j with four SIMD partial sums, combined in a fixed order.</summary>
    internal static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        var acc = Vector256<double>.Zero;
        var j = 0;
        for (; j + 4 <= x.Length; j += 4)
            acc = Fused(Vector256.LoadUnsafe(ref xr, (nuint)j), Vector256.LoadUnsafe(ref yr, (nuint)j), acc);
        var s = (acc.GetElement(0) + acc.GetElement(1)) + (acc.GetElement(2) + acc.GetElement(3));
        for (; j < x.Length; j++) s += Unsafe.Add(ref xr, j) * Unsafe.Add(ref yr, j);
        return s;
    }

    // acc + x·y, fused exactly where the CPU has FMA, at every width alike (Vector512's and
    // Vector128's fused forms round once per element in hardware and in software).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Fused(Vector256<double> x, Vector256<double> y, Vector256<double> acc) =>
        Fma.IsSupported ? Fma.MultiplyAdd(x, y, acc) : acc + x * y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Fused(Vector512<double> x, Vector512<double> y, Vector512<double> acc) =>
        Fma.IsSupported ? Vector512.FusedMultiplyAdd(x, y, acc) : acc + x * y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> Fused(Vector128<double> x, Vector128<double> y, Vector128<double> acc) =>
        Fma.IsSupported ? Vector128.FusedMultiplyAdd(x, y, acc) : acc + x * y;

    private static void Blocked(bool transA, bool transB, int m, int n, int k, double alpha,
        ArraySegment<double> a, ArraySegment<double> b, ArraySegment<double> c, bool accumulate, int threads)
    {
        var mPanels = (m + MR - 1) / MR;
        var nPanels = (n + NR - 1) / NR;
        var kBlocks = (k + KC - 1) / KC;
        // Pooled: a training step packs megabytes, and fresh large arrays would keep the GC busy.
        var ap = ArrayPool<double>.Shared.Rent(kBlocks * mPanels * MR * KC);
        var bp = ArrayPool<double>.Shared.Rent(kBlocks * nPanels * NR * KC);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        var serial = parallel.MaxDegreeOfParallelism == 1;
        if (serial) { for (var p = 0; p < mPanels; p++) PackA(transA, a, m, k, p, ap, mPanels); }
        else Parallel.For(0, mPanels, parallel, p => PackA(transA, a, m, k, p, ap, mPanels));
        if (serial) { for (var p = 0; p < nPanels; p++) PackB(transB, b, n, k, p, bp, nPanels); }
        else Parallel.For(0, nPanels, parallel, p => PackB(transB, b, n, k, p, bp, nPanels));
        var mTiles = (m + MC - 1) / MC;
        var nTiles = (n + NC - 1) / NC;
        var tiles = mTiles * nTiles;
        if (serial || tiles == 1) { for (var t = 0; t < tiles; t++) Tile(t, nTiles, m, n, k, alpha, ap, bp, mPanels, nPanels, c, accumulate); }
        else Parallel.For(0, tiles, parallel, t => Tile(t, nTiles, m, n, k, alpha, ap, bp, mPanels, nPanels, c, accumulate));
        ArrayPool<double>.Shared.Return(ap);
        ArrayPool<double>.Shared.Return(bp);
    }

    // Panel p of op(A): rows p·MR … p·MR+MR−1, zero-padded past m; one KC block after another.
    private static void PackA(bool transA, ArraySegment<double> a, int m, int k, int p, double[] ap, int mPanels)
    {
        var kBlocks = (k + KC - 1) / KC;
        for (var kb = 0; kb < kBlocks; kb++)
        {
            var k0 = kb * KC;
            var kLen = Math.Min(KC, k - k0);
            var dst = ((long)kb * mPanels + p) * MR * KC;
            for (var kk = 0; kk < kLen; kk++)
            {
                var q = k0 + kk;
                for (var r = 0; r < MR; r++)
                {
                    var i = p * MR + r;
                    ap[dst + kk * MR + r] = i < m ? (transA ? a[q * m + i] : a[i * k + q]) : 0.0;
                }
            }
        }
    }

    // Panel p of op(B): columns p·NR … p·NR+NR−1, zero-padded past n.
    private static void PackB(bool transB, ArraySegment<double> b, int n, int k, int p, double[] bp, int nPanels)
    {
        var kBlocks = (k + KC - 1) / KC;
        for (var kb = 0; kb < kBlocks; kb++)
        {
            var k0 = kb * KC;
            var kLen = Math.Min(KC, k - k0);
            var dst = ((long)kb * nPanels + p) * NR * KC;
            for (var kk = 0; kk < kLen; kk++)
            {
                var q = k0 + kk;
                var row = dst + kk * NR;
                if (!transB && (p + 1) * NR <= n)
                {
                    b.AsSpan(q * n + p * NR, NR).CopyTo(bp.AsSpan((int)row, NR));
                    continue;
                }
                for (var s = 0; s < NR; s++)
                {
                    var j = p * NR + s;
                    bp[row + s] = j < n ? (transB ? b[j * k + q] : b[q * n + j]) : 0.0;
                }
            }
        }
    }

    // One MC×NC tile of C: k-blocks in order, then B panels, then A panels.
    private static void Tile(int t, int nTiles, int m, int n, int k, double alpha, double[] ap, double[] bp,
        int mPanels, int nPanels, ArraySegment<double> c, bool accumulate)
    {
        var (ti, tj) = (t / nTiles, t % nTiles);
        var p0 = ti * (MC / MR);
        var p1 = Math.Min(mPanels, p0 + MC / MR);
        var q0 = tj * (NC / NR);
        var q1 = Math.Min(nPanels, q0 + NC / NR);
        var kBlocks = (k + KC - 1) / KC;
        Span<double> edge = stackalloc double[MR * NR];
        var bits = VectorWidth.Bits;
        for (var kb = 0; kb < kBlocks; kb++)
        {
            var kLen = Math.Min(KC, k - kb * KC);
            var add = accumulate || kb > 0;
            for (var q = q0; q < q1; q++)
            {
                ref var bRef = ref bp[((long)kb * nPanels + q) * NR * KC];
                var cols = Math.Min(NR, n - q * NR);
                for (var p = p0; p < p1; p++)
                {
                    ref var aRef = ref ap[((long)kb * mPanels + p) * MR * KC];
                    var rows = Math.Min(MR, m - p * MR);
                    if (rows == MR && cols == NR)
                        Kernel(bits, ref aRef, ref bRef, kLen, ref c.Array![c.Offset + p * MR * n + q * NR], n, alpha, add);
                    else
                    {
                        edge.Clear();
                        Kernel(bits, ref aRef, ref bRef, kLen, ref MemoryMarshal.GetReference(edge), NR, 1.0, false);
                        for (var r = 0; r < rows; r++)
                            for (var s = 0; s < cols; s++)
                            {
                                ref var dst = ref c.Array![c.Offset + (p * MR + r) * n + q * NR + s];
                                dst = add ? dst + alpha * edge[r * NR + s] : alpha * edge[r * NR + s];
                            }
                    }
                }
            }
        }
    }

    // The 6×8 micro-kernel at the width in use; each element c_rs = Σ_k a_rk b_ks in k order.
    private static void Kernel(int bits, ref double a, ref double b, int kLen, ref double c, int ldc, double alpha, bool add)
    {
        switch (bits)
        {
            case 512: Kernel512(ref a, ref b, kLen, ref c, ldc, alpha, add); break;
            case 128: Kernel128(ref a, ref b, kLen, ref c, ldc, alpha, add); break;
            default: Kernel256(ref a, ref b, kLen, ref c, ldc, alpha, add); break;
        }
    }

    // Six accumulators of eight doubles (one row of the tile each), one rank-1 update per k.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel512(ref double a, ref double b, int kLen, ref double c, int ldc, double alpha, bool add)
    {
        Vector512<double> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
        for (var kk = 0; kk < kLen; kk++)
        {
            var bk = Vector512.LoadUnsafe(ref b, (nuint)(kk * NR));
            ref var ak = ref Unsafe.Add(ref a, kk * MR);
            c0 = Fused(Vector512.Create(ak), bk, c0);
            c1 = Fused(Vector512.Create(Unsafe.Add(ref ak, 1)), bk, c1);
            c2 = Fused(Vector512.Create(Unsafe.Add(ref ak, 2)), bk, c2);
            c3 = Fused(Vector512.Create(Unsafe.Add(ref ak, 3)), bk, c3);
            c4 = Fused(Vector512.Create(Unsafe.Add(ref ak, 4)), bk, c4);
            c5 = Fused(Vector512.Create(Unsafe.Add(ref ak, 5)), bk, c5);
        }
        var av = Vector512.Create(alpha);
        StoreRow(ref c, 0, c0, av, add);
        StoreRow(ref c, ldc, c1, av, add);
        StoreRow(ref c, 2 * ldc, c2, av, add);
        StoreRow(ref c, 3 * ldc, c3, av, add);
        StoreRow(ref c, 4 * ldc, c4, av, add);
        StoreRow(ref c, 5 * ldc, c5, av, add);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(ref double c, int offset, Vector512<double> v, Vector512<double> alpha, bool add)
    {
        ref var row = ref Unsafe.Add(ref c, offset);
        (add ? Fused(alpha, v, Vector512.LoadUnsafe(ref row)) : alpha * v).StoreUnsafe(ref row);
    }

    // Twenty-four accumulators of two doubles (four per row of the tile); the JIT keeps what fits
    // in registers. The narrowest width, for machines without AVX2 and for the width tests.
    private static void Kernel128(ref double a, ref double b, int kLen, ref double c, int ldc, double alpha, bool add)
    {
        Span<Vector128<double>> acc = stackalloc Vector128<double>[MR * NR / 2];
        for (var kk = 0; kk < kLen; kk++)
        {
            ref var bk = ref Unsafe.Add(ref b, kk * NR);
            var (b0, b1, b2, b3) = (Vector128.LoadUnsafe(ref bk), Vector128.LoadUnsafe(ref bk, 2), Vector128.LoadUnsafe(ref bk, 4), Vector128.LoadUnsafe(ref bk, 6));
            for (var r = 0; r < MR; r++)
            {
                var x = Vector128.Create(Unsafe.Add(ref a, kk * MR + r));
                acc[4 * r] = Fused(x, b0, acc[4 * r]);
                acc[4 * r + 1] = Fused(x, b1, acc[4 * r + 1]);
                acc[4 * r + 2] = Fused(x, b2, acc[4 * r + 2]);
                acc[4 * r + 3] = Fused(x, b3, acc[4 * r + 3]);
            }
        }
        var av = Vector128.Create(alpha);
        for (var r = 0; r < MR; r++)
            for (var q = 0; q < 4; q++)
            {
                ref var at = ref Unsafe.Add(ref c, r * ldc + 2 * q);
                (add ? Fused(av, acc[4 * r + q], Vector128.LoadUnsafe(ref at)) : av * acc[4 * r + q]).StoreUnsafe(ref at);
            }
    }

    // Twelve accumulators of four doubles, one rank-1 update per k.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel256(ref double a, ref double b, int kLen, ref double c, int ldc, double alpha, bool add)
    {
        Vector256<double> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<double> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (var kk = 0; kk < kLen; kk++)
        {
            var b0 = Vector256.LoadUnsafe(ref b, (nuint)(kk * NR));
            var b1 = Vector256.LoadUnsafe(ref b, (nuint)(kk * NR + 4));
            ref var ak = ref Unsafe.Add(ref a, kk * MR);
            var x = Vector256.Create(ak);
            c00 = Fused(x, b0, c00); c01 = Fused(x, b1, c01);
            x = Vector256.Create(Unsafe.Add(ref ak, 1));
            c10 = Fused(x, b0, c10); c11 = Fused(x, b1, c11);
            x = Vector256.Create(Unsafe.Add(ref ak, 2));
            c20 = Fused(x, b0, c20); c21 = Fused(x, b1, c21);
            x = Vector256.Create(Unsafe.Add(ref ak, 3));
            c30 = Fused(x, b0, c30); c31 = Fused(x, b1, c31);
            x = Vector256.Create(Unsafe.Add(ref ak, 4));
            c40 = Fused(x, b0, c40); c41 = Fused(x, b1, c41);
            x = Vector256.Create(Unsafe.Add(ref ak, 5));
            c50 = Fused(x, b0, c50); c51 = Fused(x, b1, c51);
        }
        var av = Vector256.Create(alpha);
        StoreRow(ref c, 0, c00, c01, av, add);
        StoreRow(ref c, ldc, c10, c11, av, add);
        StoreRow(ref c, 2 * ldc, c20, c21, av, add);
        StoreRow(ref c, 3 * ldc, c30, c31, av, add);
        StoreRow(ref c, 4 * ldc, c40, c41, av, add);
        StoreRow(ref c, 5 * ldc, c50, c51, av, add);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(ref double c, int offset, Vector256<double> lo, Vector256<double> hi, Vector256<double> alpha, bool add)
    {
        ref var row = ref Unsafe.Add(ref c, offset);
        if (add)
        {
            Fused(alpha, lo, Vector256.LoadUnsafe(ref row)).StoreUnsafe(ref row);
            Fused(alpha, hi, Vector256.LoadUnsafe(ref row, 4)).StoreUnsafe(ref row, 4);
        }
        else
        {
            (alpha * lo).StoreUnsafe(ref row);
            (alpha * hi).StoreUnsafe(ref row, 4);
        }
    }
}
