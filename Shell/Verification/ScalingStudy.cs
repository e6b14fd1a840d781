using Lnsgd.Core.Claims;
using Lnsgd.Core.Engines;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Theory;

namespace Lnsgd.Shell.Verification;

/// <summary>
/// How the lazy-escape step scales with σ, η and m (Theorem 2 predicts T1 ∝ σ⁻² η⁻² m^(-1/2) up
/// to √ln m). Every run stops at the record where all neurons have escaped, or at T1 itself
/// (then the theorem's bound failed there). Records are T1/20,000 apart; η·m ≤ 1 keeps every
/// point as stable as fig2.
/// </summary>
public static class ScalingStudy
{
    /// <summary>The grid: full (3 × 3 × 3) or quick (2 × 2 × 2).</summary>
    public static IReadOnlyList<(double Sigma, double Eta, int M)> Grid(bool quick) =>
        quick
            ? [.. from s in new[] { 2.0, 8.0 } from e in new[] { 5e-4, 1e-3 } from m in new[] { 250, 1000 } select (s, e, m)]
            : [.. from s in new[] { 2.0, 4.0, 8.0 } from e in new[] { 2.5e-4, 5e-4, 1e-3 } from m in new[] { 250, 500, 1000 } select (s, e, m)];

    /// <summary>The run of one grid point: fig2 with (σ, η, m), T1 steps, records T1/20,000 apart.</summary>
    public static RunConfig ConfigOf(double sigma, double eta, int m, ulong seed)
    {
        var t1 = TheoryPredictions.EscapeTime(m, sigma, eta);
        return Presets.Find("fig2")!.Config with
        {
            Sigma = sigma, Eta = eta, M = m, Seed = seed, Steps = (long)Math.Ceiling(t1),
            RecordEvery = Math.Max(1, (long)(t1 / 20_000)), Snapshots = 2,
        };
    }

    /// <summary>The escape steps of one grid point.</summary>
    public static EscapePoint Measure(double sigma, double eta, int m, ulong seed)
    {
        var config = ConfigOf(sigma, eta, m, seed);
        var spec = RunSpec.Resolve(config);
        var engine = EngineChoice.Resolve(config, spec.Optimiser).ValueOrThrow();
        long? first = null;
        // The stream is lazy: stopping at the first all-escaped record skips the rest of the run.
        var escaped = Simulation.Run(spec, engine).OfType<RunEvent.Recorded>()
            .Select(r => { if (first is null && r.Row.LazyStat > 1) first = r.Row.Step; return r; })
            .FirstOrDefault(r => r.Row.EscapedFrac >= 1.0);
        return new EscapePoint(sigma, eta, m, seed, escaped?.Row.Step, TheoryPredictions.EscapeTime(m, sigma, eta), first);
    }
}
