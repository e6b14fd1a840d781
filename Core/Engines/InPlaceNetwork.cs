using Lnsgd.Core.Networks;
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
    private readonly double[] _w, _a, _theta, _g, _c, _state;
    private SamScratch? _sam;
    private SampleDraws? _draws;

    public InPlaceNetwork(Network start, int stateLength)
        : this(start.M, start.D, start.W.ToArray(), start.A.ToArray(), start.Theta(), new double[stateLength]) { }

    /// <summary>Takes over buffers saved by <see cref="State"/> (the caller has checked θ = Wᵀa in neuron order).</summary>
    public InPlaceNetwork(int m, int d, double[] w, double[] a, double[] theta, double[] state)
    {
        (_m, _d) = (m, d);
        (_w, _a, _theta, _state) = (w, a, theta, state);
        _g = new double[_d];
        _c = new double[_m];
    }

    /// <summary>θ as the next step will read it.</summary>
    public ReadOnlySpan<double> Theta => _theta;

    /// <summary>
    /// Copies of everything the next step reads: W, a, θ and the optimiser's state. The gradient
    /// buffer is overwritten before it is read and SAM's scratch is rebuilt every step, so neither is state.
    /// </summary>
    public (double[] W, double[] A, double[] Theta, double[] OptimiserState) State() =>
        ((double[])_w.Clone(), (double[])_a.Clone(), (double[])_theta.Clone(), (double[])_state.Clone());

    /// <summary>The current first layer (row-major) and second layer, read in place: valid until the next step.</summary>
    public ReadOnlySpan<double> W => _w;

    /// <inheritdoc cref="W"/>
    public ReadOnlySpan<double> A => _a;

    /// <summary>A copy of the current weights as an immutable network.</summary>
    public Network Snapshot() => Network.Own(_m, _d, (double[])_w.Clone(), (double[])_a.Clone());

    /// <summary>Step <paramref name="step"/> of <paramref name="optimiser"/>; false when θ became non-finite.</summary>
    public bool Step(Optimiser optimiser, SyntheticProblem problem, ulong seed, long step)
    {
        if (optimiser.Oracle is GradientOracle.Sample { Batch: 1 } sample)
        {
            if (_draws is null || !_draws.For(sample, problem, seed)) _draws = new SampleDraws(sample, problem, seed);
            var (row, noise) = _draws.At(step);
            _g.AsSpan().Clear();
            Gradient.OfSample(_g, problem, _theta, row, noise);
        }
        else Gradient.Into(_g, optimiser.Oracle, problem, _theta, seed, step);
        switch (optimiser.Ascent)
        {
            case Ascent.Sam sam when Ascend(sam, optimiser.Oracle, problem, seed, step) is { } s:
                optimiser.Descent.ApplyInPlace(this, s.W, s.A, s.G, seed, step);
                break;
            default:
                optimiser.Descent.ApplyInPlace(this, _w, _a, _g, seed, step);
                break;
        }
        return IsFinite(_theta);
    }

    /// <summary>The rows as the descent moves them (row-major, <see cref="Rows"/> × <see cref="D"/>).</summary>
    internal double[] WBuffer => _w;

    /// <summary>The second layer as the descent moves it.</summary>
    internal double[] ABuffer => _a;

    /// <summary>θ, which the descent rebuilds from the moved rows in neuron order.</summary>
    internal double[] ThetaBuffer => _theta;

    /// <summary>The descent's state (<see cref="Descent.StateLength"/> values).</summary>
    internal double[] OptimiserState => _state;

    /// <summary>Rows (m on the dense engine, d + 1 virtual neurons on the gram engine).</summary>
    internal int Rows => _m;

    /// <summary>Width d.</summary>
    internal int D => _d;

    /// <summary>w_i ← w_i − η ã_i g, a_i ← a_i − η w̃_i·g (w̃, ã = the point the gradient is taken at), then θ ← Σ_i a_i w_i.</summary>
    /// <remarks>
    /// Two passes with the arithmetic of one: the second layer first (each a_i reads only neuron i's
    /// old values), then every first-layer row and θ in one sweep (<see cref="VectorKernels.UpdateAll"/>).
    /// </remarks>
    internal void GradientStep(double[] wAt, double[] aAt, ReadOnlySpan<double> g, double eta)
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

    // SAM's ascent point Θ̃ and the oracle's gradient there, as SamPerturbation.Ascend computes
    // them; null when the coefficient is 0 (the step then takes the gradient at Θ).
    private SamScratch? Ascend(Ascent.Sam sam, GradientOracle oracle, SyntheticProblem problem, ulong seed, long step)
    {
        if (sam.Rho == 0.0) return null;
        var s = _sam ??= new SamScratch(_m, _d);
        var sum = 0.0;
        for (var i = 0; i < _m; i++) { s.Dots[i] = VectorKernels.Dot(_w.AsSpan(i * _d, _d), _g); sum += s.Dots[i] * s.Dots[i]; }
        var c = sam.Coefficient(Math.Sqrt(VectorKernels.Dot(_a, _a) * VectorKernels.Dot(_g, _g) + sum));
        if (c == 0.0) return null;
        var thetaTilde = s.Theta.AsSpan();
        thetaTilde.Clear();
        for (var i = 0; i < _m; i++)
        {
            var wt = s.W.AsSpan(i * _d, _d);
            _w.AsSpan(i * _d, _d).CopyTo(wt);
            s.A[i] = _a[i] + c * s.Dots[i];
            VectorKernels.UpdateNeuron(wt, -(c * _a[i]), _g, thetaTilde, s.A[i]);
        }
        Gradient.Into(s.G, oracle, problem, thetaTilde, seed, step);
        return s;
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
