using System.Collections.Immutable;
using Lnsgd.Core.Engines;
using Lnsgd.Core.Measures;
using Lnsgd.Core.Simulations;

namespace Lnsgd.Core.Interchange;

/// <summary>
/// A <see cref="Checkpoint"/> as named arrays, for <c>checkpoint.npz</c> (numpy loads it):
/// <c>format</c>, <c>fingerprint</c> (4 int64 words of the SHA-256), <c>step</c>, <c>engine</c>
/// (0 dense, 1 gram), the engine buffers <c>W</c> (rows×d), <c>a</c>, <c>theta</c>, and the
/// records so far: <c>row_step</c>, <c>row_values</c> (rows × the 16 metric columns after
/// <c>step</c>), <c>trace_step</c>, <c>trace_values</c> (w_sq, align, a), <c>snapshot_step</c>,
/// <c>snapshot_w_sq</c> and <c>snapshot_align</c> (snapshots × k), <c>snapshot_neuron</c> (the k
/// sampled neuron indices; absent in older files, which snapshot every neuron) and
/// <c>optimiser_state</c> (the descent's state in the engine's rows, e.g. momentum's velocity;
/// written only when the optimiser has state, so a stateless run's file is unchanged). Doubles are stored as their
/// IEEE bits, so a round trip is exact.
/// </summary>
internal static class CheckpointArrays
{
    /// <summary>The layout version written into <c>format</c>.</summary>
    public const long Format = 1;

    private static readonly int MetricCount = MetricRow.Columns.Length - 1;

    /// <summary>The checkpoint's arrays, in file order.</summary>
    public static ImmutableArray<(string Name, NpyArray Array)> Of(Checkpoint c)
    {
        var s = c.State;
        var width = c.Snapshots.IsEmpty ? 0 : c.Snapshots[0].WSq.Length;
        var sha = Convert.FromHexString(c.Fingerprint);
        return
        [
            ("format", Longs([Format])),
            ("fingerprint", Longs([.. Enumerable.Range(0, 4).Select(k => BitConverter.ToInt64(sha, 8 * k))])),
            ("step", Longs([s.Step])),
            ("engine", Longs([s.Engine == Engine.Gram ? 1 : 0])),
            ("W", NpyArray.Matrix(s.Rows, s.D, s.W)),
            ("a", NpyArray.Vector(s.A)),
            ("theta", NpyArray.Vector(s.Theta)),
            ("row_step", Longs([.. c.Rows.Select(r => r.Step)])),
            ("row_values", NpyArray.Matrix(c.Rows.Length, MetricCount, [.. c.Rows.SelectMany(r => r.Values())])),
            ("trace_step", Longs([.. c.Trace.Select(p => p.Step)])),
            ("trace_values", NpyArray.Matrix(c.Trace.Length, 3, [.. c.Trace.SelectMany(p => new[] { p.WSq, p.Align, p.A })])),
            ("snapshot_step", Longs([.. c.Snapshots.Select(x => x.Step)])),
            ("snapshot_w_sq", NpyArray.Matrix(c.Snapshots.Length, width, [.. c.Snapshots.SelectMany(x => x.WSq)])),
            ("snapshot_align", NpyArray.Matrix(c.Snapshots.Length, width, [.. c.Snapshots.SelectMany(x => x.Align)])),
            ("snapshot_neuron", Longs([.. (c.Snapshots.IsEmpty ? [] : c.Snapshots[0].Neurons).Select(i => (long)i)])),
            .. s.OptimiserState.IsEmpty ? [] : new[] { ("optimiser_state", (NpyArray)NpyArray.Vector(s.OptimiserState)) },
        ];
    }

    /// <summary>
    /// The checkpoint the arrays hold, or one line saying what is missing or malformed. This
    /// checks the layout only; whether it continues a given run is <see cref="Checkpoint.Check"/>.
    /// </summary>
    public static (Checkpoint? Checkpoint, string? Error) Read(IReadOnlyDictionary<string, NpyArray> arrays)
    {
        try { return (Decode(arrays), null); }
        catch (LayoutError e) { return (null, e.Message); }
    }

    private static Checkpoint Decode(IReadOnlyDictionary<string, NpyArray> arrays)
    {
        var format = Scalar(arrays, "format");
        if (format != Format) throw new LayoutError($"unsupported checkpoint format {format} (this version reads {Format})");
        var words = Int(arrays, "fingerprint", 1);
        if (words.Shape[0] != 4) throw new LayoutError("'fingerprint' must hold 4 int64 words");
        var fingerprint = Convert.ToHexStringLower([.. words.Data.SelectMany(BitConverter.GetBytes)]);
        var step = Scalar(arrays, "step");
        var engine = Scalar(arrays, "engine") switch
        {
            0 => Engine.Dense,
            1 => Engine.Gram,
            var e => throw new LayoutError($"'engine' must be 0 (dense) or 1 (gram), got {e}"),
        };
        var w = Real(arrays, "W", 2);
        var a = Real(arrays, "a", 1);
        var theta = Real(arrays, "theta", 1);
        var (rows, d) = (w.Shape[0], w.Shape[1]);
        if (rows < 1 || d < 1 || a.Shape[0] != rows || theta.Shape[0] != d)
            throw new LayoutError($"'W' {Show(w)}, 'a' {Show(a)} and 'theta' {Show(theta)} do not fit together (rows x d, rows, d with rows, d >= 1)");
        var state = new EngineState(step, engine, rows, d, w.Data, a.Data, theta.Data)
        {
            OptimiserState = arrays.ContainsKey("optimiser_state") ? Real(arrays, "optimiser_state", 1).Data : [],
        };

        var rowStep = Int(arrays, "row_step", 1);
        var rowValues = Real(arrays, "row_values", 2);
        Expect(rowValues, rowStep.Shape[0], MetricCount, "row_values", "row_step");
        var metricRows = ImmutableArray.CreateRange(Enumerable.Range(0, rowStep.Shape[0]).Select(k => MetricRow.Of(rowStep.Data[k], rowValues.Data.AsSpan(k * MetricCount, MetricCount))));

        var traceStep = Int(arrays, "trace_step", 1);
        var traceValues = Real(arrays, "trace_values", 2);
        Expect(traceValues, traceStep.Shape[0], 3, "trace_values", "trace_step");
        var trace = ImmutableArray.CreateRange(Enumerable.Range(0, traceStep.Shape[0]).Select(k =>
            new TracePoint(traceStep.Data[k], traceValues.Data[3 * k], traceValues.Data[3 * k + 1], traceValues.Data[3 * k + 2])));

        var shotStep = Int(arrays, "snapshot_step", 1);
        var wSq = Real(arrays, "snapshot_w_sq", 2);
        var align = Real(arrays, "snapshot_align", 2);
        var count = shotStep.Shape[0];
        var m = wSq.Shape[1];
        Expect(wSq, count, m, "snapshot_w_sq", "snapshot_step");
        Expect(align, count, m, "snapshot_align", "snapshot_step");
        ImmutableArray<int> neurons = [.. Enumerable.Range(0, m)];
        if (arrays.ContainsKey("snapshot_neuron"))
        {
            var listed = Int(arrays, "snapshot_neuron", 1);
            if (listed.Shape[0] != (count == 0 ? 0 : m))
                throw new LayoutError($"'snapshot_neuron' has shape {Show(listed)} but 'snapshot_w_sq' needs ({(count == 0 ? 0 : m)},)");
            if (listed.Data.Any(i => i < 0 || i > int.MaxValue)) throw new LayoutError("'snapshot_neuron' holds an index outside [0, 2^31)");
            if (count > 0) neurons = [.. listed.Data.Select(i => (int)i)];
        }
        var shots = ImmutableArray.CreateRange(Enumerable.Range(0, count).Select(k =>
            new NeuronSnapshot(shotStep.Data[k], neurons, [.. wSq.Data.AsSpan(k * m, m)], [.. align.Data.AsSpan(k * m, m)])));
        return new Checkpoint(fingerprint, state, metricRows, trace, shots);
    }

    private static NpyArray.Int64 Longs(long[] values) => NpyArray.Vector(NpyArray.Own(values));

    private static NpyArray Get(IReadOnlyDictionary<string, NpyArray> arrays, string name) =>
        arrays.TryGetValue(name, out var array) ? array : throw new LayoutError($"array '{name}' is missing");

    private static long Scalar(IReadOnlyDictionary<string, NpyArray> arrays, string name)
    {
        var array = Int(arrays, name, 1);
        return array.Shape[0] == 1 ? array.Data[0] : throw new LayoutError($"'{name}' must hold one int64, got shape {Show(array)}");
    }

    private static NpyArray.Int64 Int(IReadOnlyDictionary<string, NpyArray> arrays, string name, int rank) => Get(arrays, name) switch
    {
        NpyArray.Int64 l when l.Shape.Length == rank => l,
        NpyArray.Int64 l => throw new LayoutError($"'{name}' must have {rank} dimension(s), got shape {Show(l)}"),
        var other => throw new LayoutError($"'{name}' must be int64 ('<i8'), got '{other.Descr}'"),
    };

    private static NpyArray.Float64 Real(IReadOnlyDictionary<string, NpyArray> arrays, string name, int rank) => Get(arrays, name) switch
    {
        NpyArray.Float64 f when f.Shape.Length == rank => f,
        NpyArray.Float64 f => throw new LayoutError($"'{name}' must have {rank} dimension(s), got shape {Show(f)}"),
        var other => throw new LayoutError($"'{name}' must be float64 ('<f8'), got '{other.Descr}'"),
    };

    private static void Expect(NpyArray.Float64 array, int rows, int cols, string name, string steps)
    {
        if (array.Shape[0] != rows || array.Shape[1] != cols)
            throw new LayoutError($"'{name}' has shape {Show(array)} but '{steps}' needs ({rows}, {cols})");
    }

    private static string Show(NpyArray a) => a.Shape.Length == 1 ? $"({a.Shape[0]},)" : $"({string.Join(", ", a.Shape)})";

    private sealed class LayoutError(string message) : Exception(message);
}
