using Lnsgd.Core.Networks;
using Lnsgd.Core.Measures;
using Lnsgd.Core.Problems;
using Lnsgd.Core.Simulations;

namespace Lnsgd.Core.Engines;

/// <summary>
/// The mutable stepping machine behind a run (the fast path of the pure step), on either engine.
/// Owned by one run; not thread-safe. The pure <see cref="Training.Optimisers.Update"/> stays
/// the specification: the dense stepper equals it bit for bit, the gram stepper to rounding.
/// </summary>
internal sealed class Stepper
{
    private readonly RunSpec _spec;
    private readonly InPlaceNetwork _kernel;
    private readonly GramFactor? _factor;

    private Stepper(RunSpec spec, Engine engine, EngineState? from)
    {
        _spec = spec;
        Engine = engine;
        // K₀ (and U on the QR fallback) are re-derived, not saved: the factor of the same initial network is the same bytes.
        _factor = engine == Engine.Gram ? GramFactor.Of(spec.Initial) : null;
        var start = _factor?.Virtual ?? spec.Initial;
        _kernel = from is null
            ? new InPlaceNetwork(start, spec.Optimiser.Descent.StateLength(start.M, start.D))
            : new InPlaceNetwork(from.Rows, from.D, [.. from.W], [.. from.A], [.. from.Theta], [.. from.OptimiserState]);
    }

    /// <summary>The engine in use.</summary>
    public Engine Engine { get; }

    /// <summary>A stepper at step 0 of <paramref name="spec"/>.</summary>
    public static Stepper Start(RunSpec spec, Engine engine) => new(spec, engine, null);

    /// <summary>
    /// A stepper that continues from a saved <paramref name="state"/> of <paramref name="spec"/>;
    /// its next steps are bit-identical to those of an uninterrupted stepper. The state must pass
    /// <see cref="Checkpoint.Check"/> (shapes, engine, θ).
    /// </summary>
    public static Stepper Resume(RunSpec spec, EngineState state) => new(spec, state.Engine, state);

    /// <summary>The engine's own state after <paramref name="step"/> steps (copies).</summary>
    public EngineState State(long step)
    {
        var (w, a, theta, state) = _kernel.State();
        return new EngineState(step, Engine, a.Length, theta.Length, Own(w), Own(a), Own(theta)) { OptimiserState = Own(state) };
    }

    /// <summary>θ = Wᵀa as the next step will read it (the virtual network has the same θ).</summary>
    public ReadOnlySpan<double> Theta => _kernel.Theta;

    private static System.Collections.Immutable.ImmutableArray<double> Own(double[] values) =>
        System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(values);

    /// <summary>Takes step <paramref name="step"/>; false when θ became non-finite.</summary>
    public bool Step(long step) => _kernel.Step(_spec.Optimiser, _spec.Problem, _spec.Config.Seed, step);

    /// <summary>Takes steps <paramref name="from"/> … <paramref name="from"/> + count − 1; false on the first non-finite θ.</summary>
    public bool Advance(long from, long count)
    {
        for (var t = from; t < from + count; t++)
            if (!Step(t)) return false;
        return true;
    }

    /// <summary>The current full network (expanded from the factor on the gram engine).</summary>
    public Network Current()
    {
        var k = _kernel.Snapshot();
        return _factor is null ? k : _factor.Expand(k);
    }

    /// <summary>
    /// <see cref="Current"/> formed only when called: the gram engine keeps an immutable copy of
    /// the small factor K and expands it on demand (the same bytes as Current() now); the dense
    /// engine copies its weights at once.
    /// </summary>
    public Func<Network> Deferred()
    {
        var k = _kernel.Snapshot();
        if (_factor is not { } factor) return () => k;
        Network? full = null;
        return () => full ??= factor.Expand(k);
    }

    /// <summary>
    /// Every metric of the current network, measured neuron by neuron in the chunks of
    /// <see cref="NeuronTally.Measure"/>: the bytes of <see cref="Metrics.Row"/> on <see cref="Current"/>,
    /// without forming the m × d first layer.
    /// </summary>
    public MetricRow Row(long step, SyntheticProblem problem, Network initial)
    {
        var change = _factor?.Change(_kernel.W, _kernel.A);
        var d = initial.D;
        var pairs = _factor is { PairsFromStart: true };
        return NeuronTally.Measure(step, problem, initial.M, (from, to, tally) =>
        {
            var (neuron, other, scratch, a) = (new double[d], new double[d], new double[d + 1], new double[2]);
            var i = from;
            // Two neurons per pass over the change where the factor allows it: the same bytes, fewer loads.
            if (pairs)
                for (; i + 2 <= to; i += 2)
                {
                    _factor!.NeuronPair(i, change, neuron, other, a);
                    tally.AddPair(neuron, a[0], initial.Neuron(i), other, a[1], initial.Neuron(i + 1));
                }
            for (; i < to; i++)
            {
                var ai = Neuron(i, change, neuron, scratch);
                tally.Add(neuron, ai, initial.Neuron(i));
            }
        });
    }

    /// <summary>
    /// (‖w_i‖², ⟨w_i, θ⋆⟩) of the given neurons of the current network, each formed alone: the
    /// bytes a snapshot of the full network gives for them, at a cost that grows with their number, not with m.
    /// </summary>
    public NeuronSnapshot Snapshot(long step, System.Collections.Immutable.ImmutableArray<int> neurons, ReadOnlySpan<double> thetaStar)
    {
        var change = _factor?.Change(_kernel.W, _kernel.A);
        var d = _spec.Config.D;
        var (w, scratch) = (new double[d], new double[d + 1]);
        var (wSq, align) = (new double[neurons.Length], new double[neurons.Length]);
        for (var k = 0; k < neurons.Length; k++)
        {
            Neuron(neurons[k], change, w, scratch);
            wSq[k] = Kernels.SquaredNorm(w);
            align[k] = Kernels.Dot(w, thetaStar);
        }
        return new NeuronSnapshot(step, neurons, Own(wSq), Own(align));
    }

    /// <summary>Neuron i of the current network: its weights into <paramref name="w"/> (d values), a_i returned.</summary>
    public double Neuron(int i, Span<double> w) =>
        Neuron(i, _factor?.Change(_kernel.W, _kernel.A), w, new double[w.Length + 1]);

    /// <summary>Neuron i from the kernel (dense) or from the factor's ΔK = K − K₀ (gram).</summary>
    private double Neuron(int i, double[]? change, Span<double> w, Span<double> scratch)
    {
        if (_factor is not { } factor)
        {
            _kernel.W.Slice(i * w.Length, w.Length).CopyTo(w);
            return _kernel.A[i];
        }
        return factor.Neuron(i, change, w, scratch);
    }
}
