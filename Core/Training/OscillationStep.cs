using Lnsgd.Core.Networks;
using System.Collections.Immutable;
using Lnsgd.Core.Engines;

namespace Lnsgd.Core.Training;

/// <summary>
/// The paper's oscillation simulation (Eqs. 6–7): W follows full-batch GD on clean labels
/// while each a_i walks its own chain on {−q, 0, +q}, q = η^¼ (see <see cref="OscillationChain"/>).
/// The chain sets a outside the span of the initial weights (no gram engine), and it takes no
/// gradient in a, so SAM's ascent has nothing to move.
/// </summary>
public sealed record OscillationStep(double Eta) : Descent
{
    /// <inheritdoc />
    public override double Eta { get; } = Eta;

    /// <summary>The chain's amplitude q = η^¼.</summary>
    public double Amplitude => Math.Pow(Eta, 0.25);

    /// <inheritdoc />
    public override string? ConfigName => "oscillation";

    /// <inheritdoc />
    public override bool RotationEquivariant => false;

    /// <inheritdoc />
    public override bool TakesAscent => false;

    /// <inheritdoc />
    public override Network Start(Network net, ulong seed) => OscillationChain.Start(net, seed, Amplitude);

    // Eq. 6 moves W with the current a; Eq. 7 then moves each a_i along its chain.
    /// <inheritdoc />
    public override (Network Net, ImmutableArray<double> State) Apply(
        Network net, Network at, double[] g, ImmutableArray<double> state, ulong seed, long step)
    {
        var (m, d) = (net.M, net.D);
        var w = new double[m * d];
        var a = new double[m];
        for (var i = 0; i < m; i++)
        {
            var wi = net.Neuron(i);
            var c = Eta * net.A[i];
            for (var j = 0; j < d; j++) w[i * d + j] = wi[j] - c * g[j];
            a[i] = OscillationChain.Next(net.A[i], seed, step, i, Amplitude);
        }
        return (Network.Own(m, d, w, a), state);
    }

    internal override void ApplyInPlace(InPlaceNetwork net, double[] wAt, double[] aAt, ReadOnlySpan<double> g, ulong seed, long step)
    {
        var (w, a, m, d) = (net.WBuffer, net.ABuffer, net.Rows, net.D);
        var theta = net.ThetaBuffer.AsSpan();
        theta.Clear();
        var q = Amplitude;
        for (var i = 0; i < m; i++)
        {
            var c = Eta * a[i];
            a[i] = OscillationChain.Next(a[i], seed, step, i, q);
            VectorKernels.UpdateNeuron(w.AsSpan(i * d, d), c, g, theta, a[i]);
        }
    }
}
