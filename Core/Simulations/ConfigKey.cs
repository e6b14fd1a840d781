using System.Globalization;

namespace Lnsgd.Core.Simulations;

/// <summary>
/// One user-facing config key: its name, meaning, allowed range, and how a text value is parsed
/// into a <see cref="RunConfig"/>. Parsing never throws: it returns the new config or an error line.
/// </summary>
public sealed record ConfigKey(
    string Name, string Meaning, string Allowed,
    Func<RunConfig, string> Show,
    Func<RunConfig, string, RunConfig?> TryApply)
{
    /// <summary>The key applied to <paramref name="config"/>, or the one-line error naming key, value and range.</summary>
    public Result<RunConfig> Apply(RunConfig config, string value) =>
        TryApply(config, value.Trim()) is { } next ? Result.Ok(next) : Result.Error<RunConfig>(Invalid(value));

    /// <summary>
    /// Null when <paramref name="config"/>'s value of this key is one the CLI accepts, else the
    /// line the CLI prints for it: the value is shown and parsed back through the same
    /// <see cref="TryApply"/>, so a typed config and a typed command line meet one rule and one message.
    /// </summary>
    public string? Check(RunConfig config)
    {
        var shown = Show(config) ?? "";
        return TryApply(config, shown) is null ? Invalid(shown) : null;
    }

    /// <summary>
    /// A key added after checkpoint format 1: the fingerprint names it only when its value differs
    /// from the default, so checkpoints written before it existed still resume (the default must
    /// reproduce the behaviour from before the key).
    /// </summary>
    public bool Appended { get; init; }

    private string Invalid(string value) => $"invalid value for '{Name}': '{value}' (allowed: {Allowed})";

    internal static ConfigKey Int(string name, string meaning, int min, Func<RunConfig, int> get, Func<RunConfig, int, RunConfig> set) =>
        new(name, meaning, $"integer >= {min}", c => get(c).ToString(CultureInfo.InvariantCulture),
            (c, s) => NumberText.Integer(s) is { } v && v >= min && v <= int.MaxValue ? set(c, (int)v) : null);

    internal static ConfigKey Long(string name, string meaning, long min, Func<RunConfig, long> get, Func<RunConfig, long, RunConfig> set) =>
        new(name, meaning, $"integer >= {min}", c => get(c).ToString(CultureInfo.InvariantCulture),
            (c, s) => NumberText.Integer(s) is { } v && v >= min ? set(c, v) : null);

    internal static ConfigKey Real(string name, string meaning, string allowed, Func<double, bool> ok, Func<RunConfig, double> get, Func<RunConfig, double, RunConfig> set) =>
        new(name, meaning, allowed, c => get(c).ToString("R", CultureInfo.InvariantCulture),
            (c, s) => NumberText.Real(s) is { } v && double.IsFinite(v) && ok(v) ? set(c, v) : null);

    internal static ConfigKey Choice(string name, string meaning, string[] choices, Func<RunConfig, string> get, Func<RunConfig, string, RunConfig> set) =>
        new(name, meaning, "one of " + string.Join(", ", choices), get,
            (c, s) => choices.Contains(s) ? set(c, s) : null);
}
