using Lnsgd.Core.Simulations;

namespace Lnsgd.Properties;

/// <summary>Maps FsCheck's raw integers onto small, valid run configs (so shrinking stays meaningful).</summary>
internal static class Generators
{
    /// <summary>Every optimiser the config can name.</summary>
    public static readonly string[] AllOptimisers = ["sgd", "gd", "sam", "sam-gd", "oscillation", "langevin", "momentum"];

    /// <summary>The optimisers whose step is W ← W − η a gᵀ, a ← a − η W g for one g.</summary>
    public static readonly string[] GradientOptimisers = ["sgd", "gd"];

    /// <summary>
    /// A small config: n in [1, 12], d in [1, 9], m in [1, 12], batch in [1, n], one of
    /// <paramref name="optimisers"/> (default: sgd, gd), either noise law, any schedule.
    /// </summary>
    public static RunConfig Config(int raw, ulong seed, long steps = 30, string[]? optimisers = null)
    {
        optimisers ??= GradientOptimisers;
        var r = (uint)raw;
        var n = 1 + (int)(r % 12); r /= 12;
        var d = 1 + (int)(r % 9); r /= 9;
        var m = 1 + (int)(r % 12); r /= 12;
        var batch = 1 + (int)(r % (uint)n); r /= (uint)n;
        var gaussian = (r & 1) == 1; r >>= 1;
        var optimiser = optimisers[(int)(r % (uint)optimisers.Length)]; r /= (uint)optimisers.Length;
        var sigma = (r % 4) switch { 0 => 0.0, 1 => 0.5, 2 => 1.0, _ => 3.0 }; r /= 4;
        var schedule = (r % 5) switch { 0 => "constant", 1 => "periodic", 2 => "piecewise", 3 => "linear", _ => "exponential" }; r /= 5;
        var rho = (r % 3) switch { 0 => 0.0, 1 => 0.05, _ => 0.5 };
        return new RunConfig
        {
            N = n, NTest = 5, D = d, M = m, Batch = batch, Steps = steps, Seed = seed, RecordEvery = 5,
            Noise = gaussian ? "gaussian" : "rademacher", Optimizer = optimiser, Sigma = sigma,
            Eta = 0.01, Snapshots = 3, Rho = rho, Schedule = schedule, PeriodOn = 3, PeriodOff = 4,
            SchedulePoints = "0:1,7:0,15:2", HalfLife = 10,
        };
    }

    /// <summary>A deterministic pseudo-random vector for tests (not the project's RNG, on purpose).</summary>
    public static double[] Vector(int length, int seed, double scale = 1.0)
    {
        var random = new System.Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => scale * (2 * random.NextDouble() - 1))];
    }
}
