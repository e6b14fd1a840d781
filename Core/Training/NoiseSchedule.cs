using System.Collections.Immutable;

namespace Lnsgd.Core.Training;

/// <summary>
/// A noise level as a pure function of the step: σ(t) = σ · Factor(t). The paper's analysis
/// assumes a constant level; the others let users ask what switching or annealing does.
/// A closed hierarchy.
/// </summary>
public abstract record NoiseSchedule
{
    private NoiseSchedule() { }

    /// <summary>σ(t) = σ at every step.</summary>
    public sealed record Constant : NoiseSchedule;

    /// <summary>Noise on for <paramref name="On"/> steps, off for <paramref name="Off"/>, repeated, starting on (the authors' periodic notebooks).</summary>
    public sealed record Periodic(long On, long Off) : NoiseSchedule;

    /// <summary>Factor <c>Points[k].Factor</c> from step <c>Points[k].Start</c> on; points sorted by start, the first at step 0.</summary>
    public sealed record Piecewise(ImmutableArray<(long Start, double Factor)> Points) : NoiseSchedule
    {
        /// <summary>Equal points, element by element.</summary>
        public bool Equals(Piecewise? other) => other is not null && Elementwise.Equal(Points, other.Points);

        /// <inheritdoc />
        public override int GetHashCode() => Elementwise.Hash(Points);
    }

    /// <summary>The factor falls linearly from 1 to <paramref name="End"/> over <paramref name="Over"/> steps, then stays.</summary>
    public sealed record LinearDecay(long Over, double End) : NoiseSchedule;

    /// <summary>The factor halves every <paramref name="HalfLife"/> steps: 2^(−t/HalfLife).</summary>
    public sealed record ExponentialDecay(double HalfLife) : NoiseSchedule;

    /// <summary>The multiplier of σ at step <paramref name="step"/>.</summary>
    public double Factor(long step) => this switch
    {
        Constant => 1.0,
        Periodic p => step % (p.On + p.Off) < p.On ? 1.0 : 0.0,
        Piecewise p => p.Points.LastOrDefault(x => x.Start <= step, (0, 1.0)).Factor,
        LinearDecay l => step >= l.Over ? l.End : 1.0 - (1.0 - l.End) * step / l.Over,
        ExponentialDecay e => Math.Pow(2.0, -step / e.HalfLife),
        _ => throw new InvalidOperationException($"unknown schedule {GetType().Name}"),
    };

    /// <summary>The maximal step windows [start, end) in [0, steps) where the noise is on (factor &gt; 0).</summary>
    public IEnumerable<(long Start, long End)> OnWindows(long steps)
    {
        if (this is Periodic p)
        {
            for (var s = 0L; s < steps; s += p.On + p.Off) yield return (s, Math.Min(s + p.On, steps));
            yield break;
        }
        // Other schedules change at few steps; scan them coarsely enough to stay cheap.
        long? open = null;
        var stride = Math.Max(1, steps / 10_000);
        for (var t = 0L; t < steps; t += stride)
        {
            var on = Factor(t) > 0;
            if (on && open is null) open = t;
            if (!on && open is { } o) { yield return (o, t); open = null; }
        }
        if (open is { } last) yield return (last, steps);
    }

    /// <summary>The config spelling of the schedule.</summary>
    public string Name => this switch
    {
        Constant => "constant", Periodic => "periodic", Piecewise => "piecewise",
        LinearDecay => "linear", ExponentialDecay => "exponential",
        _ => throw new InvalidOperationException($"unknown schedule {GetType().Name}"),
    };
}
