namespace Lnsgd.Core.Simulations;

/// <summary>
/// What a run will need, from its config alone, before anything is allocated: peak memory and
/// the bytes its folder will hold. Deliberately an over-estimate (each term is an upper bound of
/// what the engines and writers hold at once), so a refusal never turns away a run that fits by
/// a wide margin, and a run that passes does not die later as an out-of-memory "internal error".
/// The per-row byte counts are the widest the CSV writers produce (17 metrics of up to ~18
/// characters each; see README "Reading a run folder").
/// </summary>
public sealed record ResourceEstimate(long MemoryBytes, long OutputBytes)
{
    private const long MetricRowBytes = 17 * 20;   // step and 16 metrics, shortest round-trip doubles
    private const long TraceRowBytes = 100;
    private const long SnapshotRowBytes = 64;
    private const long FigureBaseBytes = 4L << 20;  // 8 files of fixed furniture (axes, labels, fonts)
    private const long FigurePointBytes = 120;       // an SVG marker or path segment per plotted point
    private const long RuntimeBytes = 200L << 20;    // the .NET runtime, plotting library and code

    /// <summary>The metric rows a run records: step 0, every record_every-th step, and the last.</summary>
    public static long Records(RunConfig c) => c.Steps / c.RecordEvery + 2;

    /// <summary>The snapshot steps (distinct, so at most steps + 1).</summary>
    public static long SnapshotSteps(RunConfig c) => Math.Min(c.Snapshots, c.Steps + 1);

    /// <summary>How many neurons each snapshot holds: <c>snapshot_neurons</c> of the m (all of them when null).</summary>
    public static long SnapshotNeurons(RunConfig c) => Math.Min(c.M, (long)(c.SnapshotNeurons ?? c.M));

    /// <summary>The estimate for <paramref name="c"/>; <paramref name="checkpointed"/> adds a checkpoint, <paramref name="plots"/> the figures.</summary>
    public static ResourceEstimate Of(RunConfig c, bool checkpointed = true, bool plots = true)
    {
        var (records, shots) = (Records(c), SnapshotSteps(c) * SnapshotNeurons(c));
        var network = Mul(8, c.M, c.D + 1);
        var metrics = Mul(records, MetricRowBytes);
        var snapshots = Mul(shots, SnapshotRowBytes);
        var output = Add(metrics, Mul(records, TraceRowBytes), snapshots,
            plots ? Add(FigureBaseBytes, Mul(FigurePointBytes, Add(Mul(3, records), shots))) : 0,
            checkpointed ? Add(network, Mul(records, 21 * 8), Mul(shots, 16)) : 0);
        var memory = Add(RuntimeBytes,
            Mul(2 * 8, c.D, (long)c.N + c.NTest + 1),   // X, X_test, θ⋆, each built then copied once
            Mul(8, network),                             // current, initial, engine buffers, expanded copies at records (m = d = 22360 at 6 copies was killed on a 24 GiB machine)
            Mul(6 * 21 * 8, records),                    // rows and trace points as objects, their copy in a checkpoint, the figures' copies
            Mul(2 * 16, shots),                          // snapshots, and their copy in a checkpoint
            Mul(3, Math.Max(metrics, snapshots)));       // the largest CSV as UTF-16 text, then as UTF-8 bytes
        return new ResourceEstimate(memory, output);
    }

    /// <summary>
    /// Null when the estimate fits both limits, else one line with the estimate and the limit
    /// (<paramref name="outputOption"/> names the option that raises the output limit).
    /// </summary>
    public static string? Refusal(ResourceEstimate e, long memoryLimit, long outputLimit, string outputOption) =>
        e.MemoryBytes > memoryLimit
            ? $"this run needs about {Size(e.MemoryBytes)} of memory, more than the {Size(memoryLimit)} available; reduce n, n_test, m, d, snapshots or steps/record_every"
        : e.OutputBytes > outputLimit
            ? $"this run would write about {Size(e.OutputBytes)}, more than the limit of {Size(outputLimit)}; raise it with {outputOption} SIZE (e.g. {outputOption} {Size(Math.Min(e.OutputBytes * 2, long.MaxValue / 2)).Replace(" ", "")}), or reduce steps/record_every, snapshots or m"
        : null;

    /// <summary>A byte count as people read it: "3.2 GiB".</summary>
    public static string Size(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        var (value, unit) = ((double)bytes, 0);
        while (value >= 1024 && unit < units.Length - 1) { value /= 1024; unit++; }
        return unit == 0 ? $"{bytes} B" : $"{value.ToString(value < 10 ? "0.#" : "0", System.Globalization.CultureInfo.InvariantCulture)} {units[unit]}";
    }

    // Saturating arithmetic: a config of 10⁹ snapshots of 10⁶ neurons must give "too big", not a wrapped negative.
    private static long Mul(long a, long b) => a == 0 || b == 0 ? 0 : a > long.MaxValue / b ? long.MaxValue : a * b;
    private static long Mul(long a, long b, long c) => Mul(Mul(a, b), c);
    private static long Add(params long[] terms) => terms.Aggregate(0L, (s, t) => s > long.MaxValue - t ? long.MaxValue : s + t);
}
