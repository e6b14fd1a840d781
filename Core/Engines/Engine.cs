using Lnsgd.Core.Simulations;
using Lnsgd.Core.Training;

namespace Lnsgd.Core.Engines;

/// <summary>How a run's steps are computed. Both give the same dynamics; they agree to rounding.</summary>
public enum Engine
{
    /// <summary>All m neurons, O(md) per step.</summary>
    Dense,
    /// <summary>The (d+1)-row factor K with Z = U K (docs/gram-engine.md), O(d²) per step whatever m.</summary>
    Gram,
}

/// <summary>Which engine a config gets.</summary>
public static class EngineChoice
{
    /// <summary>
    /// Whether the gram engine is exact for this optimiser: every update must have the form
    /// Z' = Z M with M built from quantities invariant under rotating the neurons. The oracle's g
    /// depends on θ only, SAM's c = ρ/‖v‖ and ‖v‖ are rotation invariants, so the descent decides
    /// (<see cref="Descent.RotationEquivariant"/>).
    /// </summary>
    public static bool GramIsValid(Optimiser optimiser) => optimiser.Descent.RotationEquivariant;

    /// <summary>
    /// <c>auto</c> takes gram where it is valid and saves work (m &gt; d + 1), else dense; an explicit
    /// choice is honoured, and gram where it is invalid is an error (the line the CLI prints).
    /// </summary>
    public static Result<Engine> Resolve(RunConfig config, Optimiser optimiser) => config.Engine switch
    {
        "dense" => Result.Ok(Engine.Dense),
        "gram" when config.M <= config.D + 1 => Result.Error<Engine>($"invalid value for 'engine': 'gram' (allowed: dense or auto when m <= d + 1, here m = {config.M}, d = {config.D}: the factor needs m > d + 1)"),
        "gram" when GramIsValid(optimiser) => Result.Ok(Engine.Gram),
        "gram" => Result.Error<Engine>($"invalid value for 'engine': 'gram' (allowed: dense or auto for optimizer '{optimiser.Name}', whose update leaves the span of the initial weights, so it runs on the dense engine only)"),
        _ => Result.Ok(GramIsValid(optimiser) && config.M > config.D + 1 ? Engine.Gram : Engine.Dense),
    };

    /// <summary>The engine <paramref name="spec"/>'s config names; an <see cref="ArgumentException"/> with the CLI's line when it cannot run it.</summary>
    public static Engine Of(RunSpec spec) => Resolve(spec.Config, spec.Optimiser).ValueOrThrow();

    /// <summary>The manifest spelling.</summary>
    public static string Name(Engine engine) => engine == Engine.Gram ? "gram" : "dense";
}
