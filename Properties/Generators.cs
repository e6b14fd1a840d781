using Lnsgd.Core.Simulation;

namespace Lnsgd.Properties;

/// <summary>Maps FsCheck's raw integers onto small, valid run configs (so shrinking stays meaningful).</summary>
internal static class Generators
{
    /// <summary>A small config: n in [1, 12], d in [1, 9], m in [1, 12], batch in [1, n], either optimiser and noise law.</summary>
    public static RunConfig Config(int raw, ulong seed, long steps = 30)
    {
        var r = (uint)raw;
        var n = 1 + (int)(r % 12); r /= 12;
        var d = 1 + (int)(r % 9); r /= 9;
        var m = 1 + (int)(r % 12); r /= 12;
        var batch = 1 + (int)(r % (uint)n); r /= (uint)n;
        var gaussian = (r & 1) == 1; r >>= 1;
        var gd = (r & 1) == 1; r >>= 1;
        var sigma = (r % 4) switch { 0 => 0.0, 1 => 0.5, 2 => 1.0, _ => 3.0 };
        return new RunConfig
        {
            N = n, NTest = 5, D = d, M = m, Batch = batch, Steps = steps, Seed = seed, RecordEvery = 5,
            Noise = gaussian ? "gaussian" : "rademacher", Optimizer = gd ? "gd" : "sgd", Sigma = sigma,
            Eta = 0.01, Snapshots = 3,
        };
    }

    /// <summary>A deterministic pseudo-random vector for tests (not the project's RNG, on purpose).</summary>
    public static double[] Vector(int length, int seed, double scale = 1.0)
    {
        var random = new System.Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => scale * (2 * random.NextDouble() - 1))];
    }
}
