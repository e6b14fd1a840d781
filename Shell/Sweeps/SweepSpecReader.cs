using System.Collections.Immutable;
using System.Globalization;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Sweeps;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Config;
using Tomlyn;
using Tomlyn.Model;
using Lnsgd.Shell.Output;

namespace Lnsgd.Shell.Sweeps;

/// <summary>
/// Reads a sweep spec: a <c>run</c> config file (TOML) in which an array is a grid axis,
/// <c>[[cases]]</c> adds points and <c>seeds</c> repeats every point. Each key and value is
/// checked by <see cref="ConfigLoader.Apply"/>, so errors read as in <c>lnsgd run</c>.
/// </summary>
public static class SweepSpecReader
{
    /// <summary>Reads and parses the spec file at <paramref name="path"/>.</summary>
    public static SweepSpec Read(string path)
    {
        var text = RegularFile.ReadText(path, RegularFile.TextCap, "sweep spec");
        return Parse(text, path);
    }

    /// <summary>Parses spec text; <paramref name="origin"/> names it in errors.</summary>
    public static SweepSpec Parse(string text, string origin)
    {
        if (TomlDuplicates.Find(text) is { } duplicate) throw new UsageError($"sweep spec '{origin}': {duplicate}");
        TomlTable table;
        try { table = TomlSerializer.Deserialize<TomlTable>(text, (TomlSerializerOptions?)null) ?? new TomlTable(); }
        catch (Exception e) { throw new UsageError($"malformed sweep spec '{origin}': {e.Message.Split('\n')[0].Trim()}"); }

        string? preset = null;
        SeedChoice seeds = new SeedChoice.FromConfig();
        var axes = ImmutableArray.CreateBuilder<SweepAxis>();
        var cases = ImmutableArray.CreateBuilder<ImmutableArray<SweepAxis>>();
        foreach (var (key, value) in table)
        {
            switch (key)
            {
                case "preset":
                    preset = value as string ?? throw new UsageError($"sweep spec '{origin}': 'preset' must be a string");
                    if (Presets.Find(preset) is null)
                        throw new UsageError($"unknown preset '{preset}' (known: {string.Join(", ", Presets.All.Select(p => p.Name))})");
                    break;
                case "seeds":
                    seeds = Seeds(value, origin);
                    break;
                case "cases":
                    if (value is not TomlTableArray list) throw new UsageError($"sweep spec '{origin}': 'cases' must be a list of tables, written [[cases]]");
                    foreach (var (entry, k) in list.Select((t, k) => (t, k)))
                        cases.Add([.. entry.Select(kv => Axis(kv.Key, kv.Value, $"{origin}, case {k + 1}"))]);
                    break;
                default:
                    axes.Add(Axis(key, value, origin));
                    break;
            }
        }
        return new SweepSpec(preset, axes.ToImmutable(), cases.ToImmutable(), seeds);
    }

    private static SeedChoice Seeds(object? value, string origin) => value switch
    {
        long n when n is >= 1 and <= 1_000_000 => SeedChoice.Count((int)n),
        TomlArray { Count: > 0 } list => new SeedChoice.Listed([.. list.Select(v => ConfigLoader.Apply(new RunConfig(), "seed", Text("seeds", v, origin)).Seed).Distinct()]),
        _ => throw new UsageError($"invalid value for 'seeds': '{Show(value)}' (allowed: a count N in [1, 1000000] for seeds 0..N-1, or a non-empty list of seeds)"),
    };

    // A key with one value or a list: every value is checked against the schema right here.
    private static SweepAxis Axis(string key, object? value, string origin)
    {
        if (key is "preset" or "seeds" or "cases")
            throw new UsageError($"sweep spec '{origin}': '{key}' is allowed only at the top level");
        if (value is TomlTable or TomlTableArray)
            throw new UsageError($"sweep spec '{origin}': '{key}' is a table; only [[cases]] tables are allowed");
        string[] texts = value is TomlArray list ? [.. list.Select(v => Text(key, v, origin))] : [Text(key, value, origin)];
        if (texts.Length == 0) throw new UsageError($"sweep spec '{origin}': '{key}' lists no values");
        foreach (var text in texts) ConfigLoader.Apply(new RunConfig(), key, text);
        return new SweepAxis(key, [.. texts]);
    }

    private static string Text(string key, object? value, string origin) => value switch
    {
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => throw new UsageError($"sweep spec '{origin}': key '{key}' must be a number or string, or a list of them"),
    };

    private static string Show(object? value) => value switch
    {
        TomlArray a => "[" + string.Join(", ", a.Select(Show)) + "]",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };
}
