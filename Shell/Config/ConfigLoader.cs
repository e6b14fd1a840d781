using System.Globalization;
using Lnsgd.Core.Simulations;
using Lnsgd.Shell.Cli;
using Tomlyn;
using Tomlyn.Model;
using Lnsgd.Shell.Output;

namespace Lnsgd.Shell.Config;

/// <summary>
/// Resolves a run's config: defaults, then the preset, then the TOML file, then <c>--set</c>
/// pairs and dedicated options (later wins). Every failure is a <see cref="UsageError"/>.
/// </summary>
public static class ConfigLoader
{
    /// <summary>The resolved config and the preset name it started from (null for none).</summary>
    public static (RunConfig Config, string? Preset) Resolve(string? preset, string? file, IEnumerable<(string Key, string Value)> overrides)
    {
        var pairs = new List<(string, string)>();
        if (file is not null)
        {
            var (filePreset, filePairs) = ReadFile(file);
            preset ??= filePreset;
            pairs.AddRange(filePairs);
        }
        var config = preset is null ? new RunConfig() : (Presets.Find(preset) ?? throw UnknownPreset(preset)).Config;
        if (ConfigSchema.ExclusiveError(pairs.Concat(overrides)) is { } exclusive) throw new UsageError(exclusive);
        foreach (var (key, value) in pairs.Concat(overrides)) config = Apply(config, key, value);
        var cross = ConfigSchema.CrossCheck(config);
        if (cross is not null) throw new UsageError(cross);
        return (config, preset);
    }

    /// <summary>One key=value applied, or a usage error naming key, value and range.</summary>
    public static RunConfig Apply(RunConfig config, string key, string value) =>
        ConfigSchema.With(config, key, value).Match(c => c, error => throw new UsageError(error));

    /// <summary>Splits a <c>--set key=value</c> argument.</summary>
    public static (string Key, string Value) SplitPair(string text)
    {
        var eq = text.IndexOf('=');
        if (eq <= 0) throw new UsageError($"--set expects key=value, got '{text}'");
        return (text[..eq].Trim(), text[(eq + 1)..].Trim());
    }

    /// <summary>Reads a TOML config file: an optional <c>preset</c> and key = value lines.</summary>
    public static (string? Preset, List<(string Key, string Value)> Pairs) ReadFile(string path)
    {
        var text = RegularFile.ReadText(path, RegularFile.TextCap, "config file");
        return ParseToml(text, path);
    }

    /// <summary>Parses config text; <paramref name="origin"/> names it in errors.</summary>
    public static (string? Preset, List<(string Key, string Value)> Pairs) ParseToml(string text, string origin)
    {
        if (TomlDuplicates.Find(text) is { } duplicate) throw new UsageError($"config file '{origin}': {duplicate}");
        TomlTable table;
        try { table = TomlSerializer.Deserialize<TomlTable>(text, (TomlSerializerOptions?)null) ?? new TomlTable(); }
        catch (Exception e) { throw new UsageError($"malformed config file '{origin}': {FirstLine(e.Message)}"); }
        string? preset = null;
        var pairs = new List<(string, string)>();
        foreach (var (key, value) in table)
        {
            if (key == "preset")
            {
                preset = value as string ?? throw new UsageError($"config file '{origin}': 'preset' must be a string");
                if (Presets.Find(preset) is null) throw UnknownPreset(preset);
                continue;
            }
            pairs.Add((key, Scalar(key, value, origin)));
        }
        return (preset, pairs);
    }

    private static string Scalar(string key, object? value, string origin) => value switch
    {
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => throw new UsageError($"config file '{origin}': key '{key}' must be a single number or string"),
    };

    private static UsageError UnknownPreset(string name) => new(Presets.Named(name).ErrorMessage!);

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();
}
