using Lnsgd.Core.Networks;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Lnsgd.Core.Engines;

namespace Lnsgd.Core.Simulations;

/// <summary>
/// Branching from a run: its state after some step becomes the start of a new run on the same
/// problem, with any optimiser, noise or schedule. The new run counts its steps from 0 and draws
/// with its own seed, so two branches from one state with the same seed see the same rows and
/// noise signs (a paired comparison). Used by <c>lnsgd run --from</c> and by <c>verify</c>'s
/// Phase II attribution and noise-type rows.
/// </summary>
public static class Branch
{
    /// <summary>
    /// The network of <paramref name="spec"/> after <paramref name="step"/> steps on
    /// <paramref name="engine"/> (from <paramref name="from"/> when given, a state of the same run
    /// at or before that step): the same bytes a run to that step holds. Null when θ became
    /// non-finite on the way.
    /// </summary>
    public static Network? StateAt(RunSpec spec, Engine engine, long step, EngineState? from = null)
    {
        if (step < 0) throw new ArgumentOutOfRangeException(nameof(step), step, "a step is >= 0");
        if (from is not null && from.Step > step) throw new ArgumentException($"the saved state is at step {from.Step}, after step {step}", nameof(from));
        var stepper = from is null ? Stepper.Start(spec, engine) : Stepper.Resume(spec, from);
        var start = from?.Step ?? 0;
        return stepper.Advance(start, step - start) ? stepper.Current() : null;
    }

    /// <summary>
    /// The spec of a run that starts at <paramref name="state"/> on <paramref name="parent"/>'s
    /// problem with <paramref name="config"/>, or an error when the config changes a size the
    /// state and problem fix (n, n_test, d, m).
    /// </summary>
    public static (RunSpec? Spec, string? Error) From(RunSpec parent, Network state, RunConfig config)
    {
        var p = parent.Config;
        foreach (var (key, was, now) in new[] { ("n", p.N, config.N), ("n_test", p.NTest, config.NTest), ("d", p.D, config.D), ("m", p.M, config.M) })
            if (was != now) return (null, $"invalid value for '{key}': '{now}' (allowed: the parent run's {key} = {was}; a branch keeps the parent's problem and network sizes)");
        return (RunSpec.Resolve(config, parent.Problem, state), null);
    }

    /// <summary>SHA-256 (hex) of a state's weights: W then a, as IEEE-754 little-endian bytes.</summary>
    public static string Hash(Network state)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(MemoryMarshal.AsBytes(state.W.AsSpan()));
        sha.AppendData(MemoryMarshal.AsBytes(state.A.AsSpan()));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
