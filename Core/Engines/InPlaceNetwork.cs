using Lnsgd.Core.Problems;
using Lnsgd.Core.Training;

namespace Lnsgd.Core.Engines;

/// <summary>
/// The fast path of <see cref="Optimisers.Update"/>: the same arithmetic in the same order on
/// mutable buffers, with θ for the next step accumulated while the neurons are updated.
/// Properties/ proves it bit-identical to the pure step. Owned by one run; not thread-safe.
/// </summary>
internal sealed class InPlaceNetwork
{
    private readonly int _m, _d;
    private readonly double[] _w, _a, _theta, _g, _c;
    private SamScratch? _sam;
    private SampleDraws? _draws;

    public InPlaceNetwork(Network.Network start)
        : this(start.M, start.D, start.W.ToArray(), start.A.ToArray(), start.Theta()) { }

    /// <summary>Takes over buffers saved by <see cref="State"/> (the caller has checked θ = Wᵀa in neuron order).</summary>
    public InPlaceNetwork(int m, int d, double[] w, double[] a, double[] theta)
    {
        (_m, _d) = (m, d);
        (_w, _a, _theta) = (w, a, theta);
        _g = new double[_d];
        _c = new double[_m];
    }

    /// <summary>θ as the next step will read it.</summary>
    public ReadOnlySpan<double> Theta => _theta;

    /// <summary>
    /// Copies of everything the next step reads: W, a and θ. The gradient buffer is overwritten
    /// before it is read and SAM's scratch is rebuilt every step, so neither is state.
    /// </summary>
    public (double[] W, double[] A, double[] Theta) State() => ((double[])_w.Clone(), (double[])_a.Clone(), (double[])_theta.Clone());

    /// <summary>The current first layer (row-major) and second layer, read in place: valid until the next step.</summary>
    public ReadOnlySpan<double> W => _w;

    /// <inheritdoc cref="W"/>
    public ReadOnlySpan<double> A => _a;

    /// <summary>A copy of the current weights as an immutable network.</summary>
    public Network.Network Snapshot() => Network.Network.Own(_m, _d, (double[])_w.Clone(), (double[])_a.Clone());

    /// <summary>Step <paramref name="step"/> of <paramref name="optimiser"/>; false when θ became non-finite.</summary>
    public bool Step(Optimiser optimiser, SyntheticProblem problem, ulong seed, long step)
    {
        if (optimiser is Optimiser.Sgd { Batch: 1 } sgd)
        {
            if (_draws is null || !_draws.For(sgd, problem, seed)) _draws = new SampleDraws(sgd, problem, seed);
            var (row, noise) = _draws.At(step);
            _g.AsSpan().Clear();
            Gradient.OfSample(_g, problem, _theta, row, noise);
        }
        else Gradient.Into(_g, optimiser, problem, _theta, seed, step);
        switch (optimiser)
        {
            case Optimiser.Sam sam: SamStep(sam, problem, seed, step); break;
            case Optimiser.Oscillation o: OscillationStep(o, seed, step); break;
            case Optimiser.Langevin l: LangevinStep(l, seed, step); break;
            default: Apply(_w, _a, _g, optimiser.Eta); break;
        }
        return IsFinite(_theta);
    }

    /// <summary>w_i ← w_i − η ã_i g, a_i ← a_i − η w̃_i·g (w̃, ã = the point the gradient is taken at), then θ ← Σ_i a_i w_i.</summary>
    /// <remarks>
    /// Two passes with the arithmetic of one: the second layer first (each a_i reads only neuron i's
    /// old values), then every first-layer row and θ in one sweep (<see cref="VectorKernels.UpdateAll"/>).
    /// </remarks>
    private void Apply(double[] wAt, double[] aAt, ReadOnlySpan<double> g, double eta)
    {
        if (ReferenceEquals(wAt, _w) && ReferenceEquals(aAt, _a) && FusedNeuronStep.Fits(_d))
        {
            FusedNeuronStep.Apply(_w, _a, _c, g, eta, _theta);
            return;
        }
        for (var i = 0; i < _m; i++)
        {
            var s = VectorKernels.Dot(wAt.AsSpan(i * _d, _d), g);
            _c[i] = eta * aAt[i];
            _a[i] -= eta * s;
        }
        VectorKernels.UpdateAll(_w, _c, g, _a, _theta);
    }

    private void SamStep(Optimiser.Sam sam, SyntheticProblem problem, ulong seed, long step)
    {
        var s = _sam ??= new SamScratch(_m, _d);
        // Coefficient c = ρ/‖v‖ exactly as SamPerturbation.Coefficient computes it.
        var c = 0.0;
        if (sam.Rho != 0.0)
        {
            var sum = 0.0;
            for (var i = 0; i < _m; i++) { s.Dots[i] = VectorKernels.Dot(_w.AsSpan(i * _d, _d), _g); sum += s.Dots[i] * s.Dots[i]; }
            var norm = Math.Sqrt(VectorKernels.Dot(_a, _a) * VectorKernels.Dot(_g, _g) + sum);
            c = norm > 0 && double.IsFinite(norm) ? sam.Rho / norm : 0.0;
        }
        if (c == 0.0) { Apply(_w, _a, _g, sam.Eta); return; }
        var thetaTilde = s.Theta.AsSpan();
        thetaTilde.Clear();
        for (var i = 0; i < _m; i++)
        {
            var wt = s.W.AsSpan(i * _d, _d);
            _w.AsSpan(i * _d, _d).CopyTo(wt);
            s.A[i] = _a[i] + c * s.Dots[i];
            VectorKernels.UpdateNeuron(wt, -(c * _a[i]), _g, thetaTilde, s.A[i]);
        }
        Gradient.Into(s.G, sam.Base, problem, thetaTilde, seed, step);
        Apply(s.W, s.A, s.G, sam.Eta);
    }

    private void OscillationStep(Optimiser.Oscillation o, ulong seed, long step)
    {
        var theta = _theta.AsSpan();
        theta.Clear();
        var q = o.Amplitude;
        for (var i = 0; i < _m; i++)
        {
            var c = o.Eta * _a[i];
            _a[i] = OscillationChain.Next(_a[i], seed, step, i, q);
            VectorKernels.UpdateNeuron(_w.AsSpan(i * _d, _d), c, _g, theta, _a[i]);
        }
    }

    // Optimisers.Update's Langevin step in the same order: TwoLayerUpdate.Apply's arithmetic,
    // then IsotropicNoise.Add's, then θ summed over neurons in index order as Network.Theta does.
    private void LangevinStep(Optimiser.Langevin l, ulong seed, long step)
    {
        var s = IsotropicNoise.Scale(l, Kernels.SquaredNorm(_w), Kernels.SquaredNorm(_a), _m, _d, step);
        if (s == 0.0) { Apply(_w, _a, _g, l.Eta); return; }
        var theta = _theta.AsSpan();
        theta.Clear();
        Span<double> z = stackalloc double[_d + 1];
        for (var i = 0; i < _m; i++)
        {
            var wi = _w.AsSpan(i * _d, _d);
            IsotropicNoise.Fill(seed, step, i, z);
            var dot = Kernels.Dot(wi, _g);
            var c = l.Eta * _a[i];
            var ai = _a[i] - l.Eta * dot;
            for (var j = 0; j < _d; j++)
            {
                var updated = wi[j] - c * _g[j];
                wi[j] = updated + s * z[j];
            }
            ai += s * z[_d];
            _a[i] = ai;
            for (var j = 0; j < _d; j++) theta[j] += ai * wi[j];
        }
    }

    // x − x is 0 for every finite x and NaN for ±∞ and NaN, so a block is finite when all its lanes compare equal to 0.
    private static bool IsFinite(ReadOnlySpan<double> v)
    {
        ref var vr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(v);
        var k = 0;
        var finite = true;
        for (; k + 4 <= v.Length; k += 4)
        {
            var x = System.Runtime.Intrinsics.Vector256.LoadUnsafe(ref vr, (nuint)k);
            finite &= System.Runtime.Intrinsics.Vector256.EqualsAll(x - x, System.Runtime.Intrinsics.Vector256<double>.Zero);
        }
        for (; k < v.Length; k++) finite &= double.IsFinite(v[k]);
        return finite;
    }

    /// <summary>Buffers for SAM's perturbed point, allocated on first use.</summary>
    private sealed class SamScratch(int m, int d)
    {
        public readonly double[] W = new double[m * d], A = new double[m], Dots = new double[m], Theta = new double[d], G = new double[d];
    }
}
