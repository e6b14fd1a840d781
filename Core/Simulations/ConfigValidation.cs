using Lnsgd.Core.Engines;

namespace Lnsgd.Core.Simulations;

/// <summary>The one validation of a whole config, shared by the CLI's loader and the library's entry points.</summary>
public static partial class ConfigSchema
{
    /// <summary>
    /// Null when the CLI would accept <paramref name="config"/>, else the line it prints: each
    /// key's range in schema order (<see cref="ConfigKey.Check"/>), then the constraints between
    /// keys (<see cref="CrossCheck"/>), then whether the engine it names can run its optimiser
    /// (<see cref="EngineChoice.Resolve"/>).
    /// </summary>
    public static string? Validate(RunConfig config)
    {
        foreach (var key in Keys)
            if (key.Check(config) is { } error) return error;
        return CrossCheck(config) ?? EngineChoice.Resolve(config, RunSpec.BuildOptimiser(config)).ErrorMessage;
    }

    /// <summary>
    /// <paramref name="config"/> with the key named <paramref name="key"/> set from its text
    /// <paramref name="value"/>, as <c>--set key=value</c> does, or the CLI's line for an unknown
    /// key or a value out of range (constraints between keys are <see cref="Validate"/>'s).
    /// </summary>
    public static Result<RunConfig> With(RunConfig config, string key, string value)
    {
        if (Find(key) is not { } schemaKey)
            return Result.Error<RunConfig>($"unknown config key '{key}' (known: {string.Join(", ", Keys.Select(k => k.Name))})");
        return schemaKey.Apply(config, value);
    }

    /// <summary><paramref name="config"/> when <see cref="Validate"/> accepts it, else its message.</summary>
    public static Result<RunConfig> Validated(RunConfig config) => Result.Of(config, Validate(config));
}
