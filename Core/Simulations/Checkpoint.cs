using Lnsgd.Core.Networks;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Lnsgd.Core.Engines;
using Lnsgd.Core.Measures;

namespace Lnsgd.Core.Simulations;

/// <summary>
/// Everything needed to continue a run at step <c>State.Step</c> and end with the bytes of an
/// uninterrupted run: the engine's state and what was recorded before that step (rows, trace
/// points and snapshots of steps &lt; <c>State.Step</c>; the records of that step itself are made
/// after resuming). <paramref name="Fingerprint"/> ties it to one run: see <see cref="FingerprintOf"/>.
/// </summary>
public sealed record Checkpoint(
    string Fingerprint, EngineState State,
    ImmutableArray<MetricRow> Rows, ImmutableArray<TracePoint> Trace, ImmutableArray<NeuronSnapshot> Snapshots)
{
    /// <summary>Same fingerprint, equal state, and equal records element by element.</summary>
    public bool Equals(Checkpoint? other) =>
        other is not null && Fingerprint == other.Fingerprint && State == other.State
        && Elementwise.Equal(Rows, other.Rows) && Elementwise.Equal(Trace, other.Trace) && Elementwise.Equal(Snapshots, other.Snapshots);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Fingerprint, State, Elementwise.Hash(Rows), Elementwise.Hash(Trace), Elementwise.Hash(Snapshots));

    /// <summary>
    /// SHA-256 (hex) of what determines a run: every config key and value (an
    /// <see cref="ConfigKey.Appended"/> key only off its default), the engine, and the
    /// bytes of the problem and of the initial network (which cover <c>--data</c> and <c>--init</c>).
    /// </summary>
    public static string FingerprintOf(RunSpec spec, Engine engine)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var text = new StringBuilder("lnsgd checkpoint 1\n");
        var defaults = ConfigSchema.Describe(new RunConfig());
        foreach (var ((key, value), (_, fallback)) in ConfigSchema.Describe(spec.Config).Zip(defaults))
            if (!(ConfigSchema.Find(key)!.Appended && value == fallback)) text.Append(key).Append('=').Append(value).Append('\n');
        text.Append("engine=").Append(EngineChoice.Name(engine)).Append('\n');
        sha.AppendData(Encoding.UTF8.GetBytes(text.ToString()));
        var p = spec.Problem;
        foreach (var values in new[] { p.X, p.XTest, p.ThetaStar, spec.Initial.W, spec.Initial.A })
            sha.AppendData(MemoryMarshal.AsBytes(values.AsSpan()));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>
    /// Null when the checkpoint can continue <paramref name="spec"/> on <paramref name="engine"/>,
    /// else one line saying why not: another run's fingerprint, a step outside [0, steps], buffer
    /// shapes of another engine or size, a non-finite weight, a θ that is not Wᵀa bit for bit, or
    /// records that are not exactly those the run makes before the checkpoint's step.
    /// </summary>
    public static string? Check(Checkpoint checkpoint, RunSpec spec, Engine engine)
    {
        var (s, c) = (checkpoint.State, spec.Config);
        if (checkpoint.Fingerprint != FingerprintOf(spec, engine))
            return "it belongs to another run (its fingerprint does not match the config, engine and inputs)";
        if (s.Engine != engine) return $"it was written by the {EngineChoice.Name(s.Engine)} engine, not {EngineChoice.Name(engine)}";
        if (s.Step < 0 || s.Step > c.Steps) return $"its step {s.Step} is outside [0, steps] = [0, {c.Steps}]";
        var rows = engine == Engine.Gram ? c.D + 1 : c.M;
        if (s.Rows != rows || s.D != c.D || s.W.Length != (long)rows * c.D || s.A.Length != rows || s.Theta.Length != c.D)
            return $"its buffers have the wrong shapes for this run (expected W {rows}x{c.D}, a {rows}, theta {c.D})";
        if (!s.W.All(double.IsFinite) || !s.A.All(double.IsFinite)) return "its weights contain a non-finite value";
        var stateLength = spec.Optimiser.Descent.StateLength(rows, c.D);
        if (s.OptimiserState.Length != stateLength)
            return $"it holds {s.OptimiserState.Length} values of optimiser state, but optimizer '{spec.Optimiser.Name}' carries {stateLength}";
        if (!s.OptimiserState.All(double.IsFinite)) return "its optimiser state contains a non-finite value";
        var theta = Network.Theta(s.W.AsSpan(), s.A.AsSpan(), rows, c.D);
        for (var j = 0; j < c.D; j++)
            if (BitConverter.DoubleToInt64Bits(theta[j]) != BitConverter.DoubleToInt64Bits(s.Theta[j]))
                return "its theta is not W^T a (the file is damaged)";
        return RecordsError(checkpoint, spec);
    }

    /// <summary>The whole trajectory: what this checkpoint recorded, then the events of the continued run.</summary>
    public Trajectory Continue(IEnumerable<RunEvent> rest)
    {
        var tail = Trajectory.Of(rest);
        return new Trajectory([.. Rows, .. tail.Rows], [.. Trace, .. tail.Trace], [.. Snapshots, .. tail.Snapshots], tail.Final, tail.Divergence);
    }

    // The record steps below S are the multiples of record_every below S (step `steps` is never below S ≤ steps).
    private static string? RecordsError(Checkpoint checkpoint, RunSpec spec)
    {
        var (step, every) = (checkpoint.State.Step, spec.Config.RecordEvery);
        var expected = step == 0 ? 0 : (step - 1) / every + 1;
        if (checkpoint.Rows.Length != expected || checkpoint.Trace.Length != expected)
            return $"it holds {checkpoint.Rows.Length} metric rows and {checkpoint.Trace.Length} trace points, but the run records {expected} before step {step}";
        for (var k = 0; k < expected; k++)
        {
            var (row, point) = (checkpoint.Rows[k], checkpoint.Trace[k]);
            if (row.Step != k * every || point.Step != k * every)
                return $"its record {k} is at step {row.Step}, but the run records it at step {k * every}";
            if (!row.Values().All(double.IsFinite) || !double.IsFinite(point.WSq) || !double.IsFinite(point.Align) || !double.IsFinite(point.A))
                return $"its record at step {row.Step} contains a non-finite value";
        }
        var snapshotSteps = spec.SnapshotSteps.Where(t => t < step).ToList();
        if (!checkpoint.Snapshots.Select(x => x.Step).SequenceEqual(snapshotSteps))
            return $"its snapshots are at steps [{string.Join(", ", checkpoint.Snapshots.Select(x => x.Step))}], but the run takes them at [{string.Join(", ", snapshotSteps)}] before step {step}";
        var neurons = spec.SnapshotNeurons;
        if (checkpoint.Snapshots.Any(x => x.WSq.Length != neurons.Length || x.Align.Length != neurons.Length || !x.Neurons.SequenceEqual(neurons)))
            return $"its snapshots do not hold the run's {neurons.Length} sampled neurons";
        return null;
    }
}
