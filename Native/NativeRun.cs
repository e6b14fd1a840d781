using System.Runtime.InteropServices;
using Lnsgd.Core;
using Lnsgd.Core.Engines;
using Lnsgd.Core.Measures;
using Lnsgd.Core.Simulations;

namespace Lnsgd.Native;

/// <summary>
/// One finished run in native memory: the metrics column by column and the final weights.
/// The config is resolved as <c>lnsgd run</c> resolves it (preset, then each override in
/// order, then the whole-config checks) and runs on the engine it names, so the numbers are
/// those of the CLI's metrics.csv, bit for bit.
/// </summary>
internal sealed unsafe class NativeRun : IDisposable
{
    private readonly double*[] _columns;

    private NativeRun(Trajectory trajectory, int m, int d)
    {
        var rows = trajectory.Rows;
        Rows = rows.Length;
        (M, D) = (m, d);
        _columns = new double*[MetricRow.Columns.Length];
        for (var c = 0; c < _columns.Length; c++)
        {
            var column = (double*)NativeMemory.Alloc((nuint)Math.Max(1, rows.Length), sizeof(double));
            for (var r = 0; r < rows.Length; r++) column[r] = c == 0 ? rows[r].Step : rows[r].Values()[c - 1];
            _columns[c] = column;
        }
        if (trajectory.Final is { } final)
        {
            W = Copy(final.W.AsSpan());
            A = Copy(final.A.AsSpan());
        }
        if (trajectory.Divergence is { } div)
            Divergence = $"diverged at step {div.Step}: {div.Quantity} {div.Reason} (a stable step size is below {div.StableEta:R})";
    }

    public long Rows { get; }
    public int M { get; }
    public int D { get; }
    public double* W { get; private set; }
    public double* A { get; private set; }
    public string? Divergence { get; }

    public double* Column(int index) => index >= 0 && index < _columns.Length ? _columns[index] : null;

    /// <summary>The run of <paramref name="preset"/> (empty: the defaults) with <paramref name="overrides"/>, or the CLI's line refusing it.</summary>
    public static Result<NativeRun> Start(string preset, IEnumerable<(string Key, string Value)> overrides)
    {
        var config = preset.Length == 0 ? Result.Ok(new RunConfig()) : Presets.Named(preset).Map(p => p.Config);
        foreach (var (key, value) in overrides) config = config.Bind(c => ConfigSchema.With(c, key, value));
        return config.Bind(ConfigSchema.Validated).Map(c =>
        {
            var spec = RunSpec.Resolve(c);
            return new NativeRun(Simulation.Collect(spec, EngineChoice.Of(spec)), c.M, c.D);
        });
    }

    private static double* Copy(ReadOnlySpan<double> values)
    {
        var p = (double*)NativeMemory.Alloc((nuint)Math.Max(1, values.Length), sizeof(double));
        values.CopyTo(new Span<double>(p, values.Length));
        return p;
    }

    public void Dispose()
    {
        foreach (var c in _columns) NativeMemory.Free(c);
        NativeMemory.Free(W);
        NativeMemory.Free(A);
        W = null;
        A = null;
        Array.Clear(_columns);
    }
}
