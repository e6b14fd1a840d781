namespace Lnsgd.Core.Simulations;

/// <summary>Presets by name as a value, for callers that cannot use a null (F#, the C ABI).</summary>
public static partial class Presets
{
    /// <summary>The preset named <paramref name="name"/>, or the CLI's line naming the known ones.</summary>
    public static Result<Preset> Named(string name) =>
        Find(name) is { } preset
            ? Result.Ok(preset)
            : Result.Error<Preset>($"unknown preset '{name}' (known: {string.Join(", ", All.Select(p => p.Name))})");
}
