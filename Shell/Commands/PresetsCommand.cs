using System.Text;
using Lnsgd.Core.Simulations;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Output;

namespace Lnsgd.Shell.Commands;

/// <summary>
/// <c>lnsgd presets [NAME] [--json]</c>: every preset (or the one named) with its values, and the
/// defaults. Exit 0, or 2 for an unknown name.
/// </summary>
public static partial class PresetsCommand
{
    private static readonly HashSet<string> ValueOptions = [];
    private static readonly HashSet<string> FlagOptions = ["--json", "--help"];

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Execute(IReadOnlyList<string> args, TextWriter stdout)
    {
        var parsed = Arguments.Parse(args, ValueOptions, FlagOptions);
        if (parsed.Has("--help")) { stdout.Write(Help()); return 0; }
        if (parsed.Positionals.Count > 1) throw new UsageError($"presets takes at most one preset name, got: {string.Join(' ', parsed.Positionals)}");
        IReadOnlyList<Preset> chosen = parsed.Positionals is [var name]
            ? [Presets.Find(name) ?? throw new UsageError($"unknown preset '{name}'{Suggestion.DidYouMean(name, Presets.All.Select(p => p.Name))} (known: {string.Join(", ", Presets.All.Select(p => p.Name))})")]
            : Presets.All;
        stdout.Write(parsed.Has("--json") ? Json(chosen) : chosen.Count == 1 ? One(chosen[0]) : Text());
        return 0;
    }

    /// <summary>The listing text.</summary>
    public static string Text()
    {
        var sb = new StringBuilder();
        var defaults = ConfigSchema.Describe(new RunConfig());
        sb.Append("defaults: ").AppendJoin(' ', defaults.Select(kv => $"{kv.Key}={kv.Value}")).Append('\n');
        foreach (var preset in Presets.All) sb.Append('\n').Append(One(preset));
        return sb.ToString();
    }

    private static string One(Preset preset) =>
        $"{preset.Name}  {preset.Description}\n  {string.Join(' ', ConfigSchema.Describe(preset.Config).Select(kv => $"{kv.Key}={kv.Value}"))}\n";

    /// <summary><c>--json</c>: <c>{"defaults": {...}, "presets": [{"name", "description", "config"}]}</c>, values typed.</summary>
    public static string Json(IReadOnlyList<Preset> presets) => JsonText.Object(w =>
    {
        w.WriteStartObject("defaults");
        foreach (var (key, value) in ConfigSchema.Describe(new RunConfig())) JsonText.Typed(w, key, value);
        w.WriteEndObject();
        w.WriteStartArray("presets");
        foreach (var preset in presets)
        {
            w.WriteStartObject();
            w.WriteString("name", preset.Name);
            w.WriteString("description", preset.Description);
            w.WriteStartObject("config");
            foreach (var (key, value) in ConfigSchema.Describe(preset.Config)) JsonText.Typed(w, key, value);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    private static string Help() =>
        """
        usage: lnsgd presets [NAME] [--json]

        Lists every preset of `lnsgd run` (or the one named) with every config value, and the
        defaults. The real-data presets are listed by `lnsgd real --list`.

        options:
          --json    one JSON object: {"defaults": {...}, "presets": [{"name", "description", "config"}]}

        exit codes: 0 listed, 2 unknown preset.

        """;
}
