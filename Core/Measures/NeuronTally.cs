using System.Runtime.Intrinsics;
using Lnsgd.Core.Engines;
using Lnsgd.Core.Problems;

namespace Lnsgd.Core.Measures;

/// <summary>
/// The running sums behind one <see cref="MetricRow"/>, fed one neuron at a time in index order,
/// so an engine can measure a network it never materialises (the gram engine expands neuron by
/// neuron). <see cref="Metrics.Row"/> is this tally over a whole network: one code path, one
/// set of bytes. Owned by one record; not thread-safe. Wide networks are measured in fixed
/// chunks of <see cref="ChunkNeurons"/> on all cores (<see cref="Measure"/>), each chunk in index
/// order, the chunks merged in chunk order: the bytes depend on m only, never on the thread count,
/// and up to <see cref="ChunkNeurons"/> neurons they are those of one index-order pass.
/// </summary>
internal sealed class NeuronTally(SyntheticProblem problem, int m)
{
    private readonly double[] _theta = new double[problem.D];
    private readonly double _starNorm = Math.Sqrt(Kernels.SquaredNorm(problem.ThetaStar.AsSpan()));
    private double _sumWSq, _sumNorm, _sumNormSq, _sumAlign, _sumAbsAlign, _sumCos, _minCos = double.PositiveInfinity;
    private double _maxAbsA, _sumASq, _lazy, _sumBalance;
    private int _escaped, _seen;

    /// <summary>Adds the next neuron (w_i, a_i) with its initial weights w_i(0).</summary>
    public void Add(ReadOnlySpan<double> wi, double ai, ReadOnlySpan<double> wi0)
    {
        // The SIMD dot gives the scalar one's bytes; records are the hot path of the gram engine.
        Tally(wi, ai, VectorKernels.Dot(wi, wi), VectorKernels.Dot(wi, problem.ThetaStar.AsSpan()), Metrics.LazyDistance(wi, wi0, m));
    }

    // The running sums of one neuron, given its ‖w_i‖², ⟨w_i, θ⋆⟩ and lazy distance; θ = Wᵀa accumulated in neuron order (Network.Theta's bytes).
    private void Tally(ReadOnlySpan<double> wi, double ai, double wSq, double align, double distance)
    {
        var theta = _theta.AsSpan();
        var (av, j) = (Vector256.Create(ai), 0);
        for (; j + 4 <= theta.Length; j += 4) (Vector256.Create((ReadOnlySpan<double>)theta[j..]) + av * Vector256.Create(wi[j..])).CopyTo(theta[j..]);
        for (; j < theta.Length; j++) theta[j] += ai * wi[j];
        var norm = Math.Sqrt(wSq);
        var cos = Metrics.AbsCosine(align, norm, _starNorm);
        _sumWSq += wSq; _sumNorm += norm; _sumNormSq += norm * norm;
        _sumAlign += align; _sumAbsAlign += Math.Abs(align);
        _sumCos += cos; _minCos = Math.Min(_minCos, cos);
        _maxAbsA = Math.Max(_maxAbsA, Math.Abs(ai)); _sumASq += ai * ai;
        _lazy = Math.Max(_lazy, distance);
        if (distance > 1.0) _escaped++;
        _sumBalance += wSq - ai * ai;
        _seen++;
    }

    /// <summary>
    /// <see cref="Add"/> for two consecutive neurons: the same values in the same order, so the
    /// same bytes, with the two neurons' serial sums (the lazy distance above all) interleaved so
    /// the processor overlaps them instead of waiting on one chain at a time.
    /// </summary>
    public void AddPair(ReadOnlySpan<double> w0, double a0, ReadOnlySpan<double> init0, ReadOnlySpan<double> w1, double a1, ReadOnlySpan<double> init1)
    {
        var star = problem.ThetaStar.AsSpan();
        var (wSq0, wSq1) = (VectorKernels.Dot(w0, w0), VectorKernels.Dot(w1, w1));
        var (align0, align1) = (VectorKernels.Dot(w0, star), VectorKernels.Dot(w1, star));
        var (distance0, distance1) = LazyDistances(w0, init0, w1, init1);
        Tally(w0, a0, wSq0, align0, distance0);
        Tally(w1, a1, wSq1, align1, distance1);
    }

    // Metrics.LazyDistance of two neurons at once: each sum in its own order, the two chains side by side.
    private (double, double) LazyDistances(ReadOnlySpan<double> w0, ReadOnlySpan<double> init0, ReadOnlySpan<double> w1, ReadOnlySpan<double> init1)
    {
        var (s0, s1) = (0.0, 0.0);
        for (var j = 0; j < w0.Length; j++)
        {
            var (e0, e1) = (w0[j] - init0[j], w1[j] - init1[j]);
            s0 += e0 * e0;
            s1 += e1 * e1;
        }
        return (Math.Sqrt(m * s0), Math.Sqrt(m * s1));
    }

    /// <summary>Neurons per chunk of <see cref="Measure"/>: a fixed number, so the chunking (and the bytes) never depend on the machine.</summary>
    public const int ChunkNeurons = 65_536;

    /// <summary>
    /// The row at <paramref name="step"/> of m neurons that <paramref name="addRange"/>(from, to, tally)
    /// adds, neurons from … to − 1 in index order into the given tally. One chunk is one call;
    /// chunks run in parallel (each call must use its own scratch) and merge in chunk order.
    /// </summary>
    public static MetricRow Measure(long step, SyntheticProblem problem, int m, Action<int, int, NeuronTally> addRange)
    {
        var chunks = Math.Max(1, (m + ChunkNeurons - 1) / ChunkNeurons);
        var parts = new NeuronTally[chunks];
        void Chunk(int c)
        {
            var part = new NeuronTally(problem, m);
            addRange(c * ChunkNeurons, (int)Math.Min(m, (long)(c + 1) * ChunkNeurons), part);
            parts[c] = part;
        }
        if (chunks == 1) Chunk(0);
        else Parallel.For(0, chunks, Chunk);
        var total = parts[0];
        for (var c = 1; c < chunks; c++) total.Merge(parts[c]);
        return total.Row(step);
    }

    /// <summary>Adds the sums of a tally of the neurons that follow this one's (the next chunk).</summary>
    private void Merge(NeuronTally next)
    {
        for (var j = 0; j < _theta.Length; j++) _theta[j] += next._theta[j];
        _sumWSq += next._sumWSq; _sumNorm += next._sumNorm; _sumNormSq += next._sumNormSq;
        _sumAlign += next._sumAlign; _sumAbsAlign += next._sumAbsAlign;
        _sumCos += next._sumCos; _minCos = Math.Min(_minCos, next._minCos);
        _maxAbsA = Math.Max(_maxAbsA, next._maxAbsA); _sumASq += next._sumASq;
        _lazy = Math.Max(_lazy, next._lazy);
        _escaped += next._escaped;
        _sumBalance += next._sumBalance;
        _seen += next._seen;
    }

    /// <summary>The row at <paramref name="step"/>, once all m neurons have been added.</summary>
    public MetricRow Row(long step)
    {
        if (_seen != m) throw new InvalidOperationException($"the tally has {_seen} of {m} neurons");
        var theta = _theta.AsSpan();
        var meanNorm = _sumNorm / m;
        var variance = Math.Max(0.0, _sumNormSq / m - meanNorm * meanNorm);
        return new MetricRow(
            step, Metrics.TrainLoss(problem, theta), Metrics.TestLoss(problem, theta), Metrics.Distance(theta, problem.ThetaStar.AsSpan()),
            Math.Sqrt(_sumWSq), _sumWSq / m, meanNorm, Math.Sqrt(variance), Math.Sqrt(_sumASq), _maxAbsA,
            _sumAlign / m, _sumAbsAlign / m, _sumCos / m, _minCos,
            _lazy, (double)_escaped / m, _sumBalance / m);
    }
}
