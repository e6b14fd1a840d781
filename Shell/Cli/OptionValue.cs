using Lnsgd.Core.Simulations;

namespace Lnsgd.Shell.Cli;

/// <summary>An option's number, read in the forms config keys take (1e3, 1_000) and named in its error.</summary>
public static class OptionValue
{
    /// <summary>The option's last value as an integer >= <paramref name="min"/>, <paramref name="fallback"/> when absent.</summary>
    public static int Integer(Arguments parsed, string option, int min, int fallback) =>
        parsed.Last(option) is not { } text ? fallback
        : NumberText.Integer(text) is { } v && v >= min && v <= int.MaxValue ? (int)v
        : throw new UsageError($"invalid value for '{option}': '{text}' (allowed: integer >= {min})");
}
