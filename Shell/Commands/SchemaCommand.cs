using System.Text;
using System.Text.Json;
using Lnsgd.Core.RealWorld;
using Lnsgd.Core.Simulations;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Output;

namespace Lnsgd.Shell.Commands;

/// <summary>
/// <c>lnsgd schema [--json]</c>: every config key of <c>run</c>/<c>sweep</c> and of <c>real</c>'s
/// image presets, with type, default, allowed values and meaning: the same tables that parse
/// the keys, so tools (editors, notebooks, job generators) can check a config before a run.
/// </summary>
public static class SchemaCommand
{
    internal static IReadOnlySet<string> Values { get; } = new HashSet<string>();
    internal static IReadOnlySet<string> Flags { get; } = new HashSet<string> { "--json", "--help" };

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Execute(IReadOnlyList<string> args, TextWriter stdout)
    {
        var parsed = Arguments.Parse(args, Values.ToHashSet(), Flags.ToHashSet());
        if (parsed.Has("--help")) { stdout.Write(Help); return 0; }
        if (parsed.Positionals.Count > 0) throw new UsageError($"schema takes no positional arguments, got: {string.Join(' ', parsed.Positionals)}");
        stdout.Write(parsed.Has("--json") ? Json() : Text());
        return 0;
    }

    /// <summary>
    /// The JSON type of a key, read from its allowed range: <c>integer</c>, <c>number</c>,
    /// <c>boolean</c>, <c>enum</c> (see <c>choices</c>) or <c>string</c>.
    /// </summary>
    public static (string Type, IReadOnlyList<string> Choices) TypeOf(string allowed) =>
        allowed.StartsWith("integer", StringComparison.Ordinal) ? ("integer", [])
        : allowed.StartsWith("finite number", StringComparison.Ordinal) || allowed.StartsWith("number", StringComparison.Ordinal) ? ("number", [])
        : allowed.StartsWith("one of ", StringComparison.Ordinal) ? Choices(allowed["one of ".Length..].Split(", "))
        : allowed.Contains(" | ", StringComparison.Ordinal) ? Choices(allowed.Split(" | "))
        : ("string", []);

    private static (string, IReadOnlyList<string>) Choices(string[] choices) =>
        choices.Order().SequenceEqual(["false", "true"]) ? ("boolean", []) : ("enum", choices);

    /// <summary>One JSON object: <c>{"run": [keys], "real": [keys]}</c>, each key with name, type, default, allowed, meaning (and choices).</summary>
    public static string Json() => JsonText.Object(w =>
    {
        var run = new RunConfig();
        Keys(w, "run", ConfigSchema.Keys.Select(k => (k.Name, k.Show(run), k.Allowed, k.Meaning)));
        var real = new RealConfig();
        Keys(w, "real", RealSchema.Keys.Select(k => (k.Name, k.Show(real), k.Allowed, k.Meaning)));
    });

    private static void Keys(Utf8JsonWriter w, string name, IEnumerable<(string Name, string Default, string Allowed, string Meaning)> keys)
    {
        w.WriteStartArray(name);
        foreach (var k in keys)
        {
            var (type, choices) = TypeOf(k.Allowed);
            w.WriteStartObject();
            w.WriteString("name", k.Name);
            w.WriteString("type", type);
            JsonText.Typed(w, "default", k.Default);
            w.WriteString("allowed", k.Allowed);
            if (choices.Count > 0)
            {
                w.WriteStartArray("choices");
                foreach (var c in choices) w.WriteStringValue(c);
                w.WriteEndArray();
            }
            w.WriteString("meaning", k.Meaning);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static string Text()
    {
        var sb = new StringBuilder("run and sweep keys (name, type, default, allowed, meaning):\n");
        var run = new RunConfig();
        foreach (var k in ConfigSchema.Keys)
            sb.Append($"  {k.Name,-14} {TypeOf(k.Allowed).Type,-8} {k.Show(run),-11} {k.Allowed,-34} {k.Meaning}\n");
        sb.Append("\nreal image preset keys (fig3's defaults):\n");
        var real = new RealConfig();
        foreach (var k in RealSchema.Keys)
            sb.Append($"  {k.Name,-14} {TypeOf(k.Allowed).Type,-8} {k.Show(real),-22} {k.Allowed,-30} {k.Meaning}\n");
        return sb.ToString();
    }

    private const string Help =
        """
        usage: lnsgd schema [--json]

        Every config key of `lnsgd run` and `lnsgd sweep` (and of `lnsgd real`'s image presets)
        with its type, default, allowed values and meaning.

        options:
          --json    one JSON object: {"run": [...], "real": [...]}, each key as
                    {"name", "type", "default", "allowed", "choices" (enums), "meaning"}

        """;
}
