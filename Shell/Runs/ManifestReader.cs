using System.Text;
using System.Text.Json;
using Lnsgd.Core.Simulations;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Config;
using Lnsgd.Shell.Output;

namespace Lnsgd.Shell.Runs;

/// <summary>
/// Reads a <c>manifest.json</c> that may have been edited, truncated or forged: every field is
/// checked for kind and range, config values go through the same schema as <c>--set</c>, listed
/// files must stay inside the run folder, and every failure is one <see cref="UsageError"/> line
/// naming the manifest. Config keys a manifest lacks take their defaults (older manifests).
/// </summary>
public static class ManifestReader
{
    /// <summary>The file name in a run folder.</summary>
    public const string Name = "manifest.json";

    /// <summary>Reads <c>DIR/manifest.json</c>.</summary>
    public static RecordedRun Read(string dir)
    {
        var path = Path.Combine(dir, Name);
        if (Directory.Exists(dir) is false) throw new UsageError($"run folder '{dir}' does not exist");
        if (!File.Exists(path)) throw new UsageError($"'{dir}' is not a run folder: it has no {Name}");
        return Parse(RegularFile.ReadBytes(path, RegularFile.ManifestCap, "manifest"), path, dir);
    }

    /// <summary>Parses manifest bytes; <paramref name="origin"/> names the file in errors, <paramref name="dir"/> is the folder its files must stay in.</summary>
    public static RecordedRun Parse(byte[] bytes, string origin, string dir)
    {
        // The JSON reader checks UTF-8 only when a string is read, and then throws InvalidOperationException.
        string text;
        try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
        catch (ArgumentException) { throw Bad(origin, "not UTF-8 text"); }
        JsonDocument document;
        try { document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 16 }); }
        catch (JsonException e) { throw Bad(origin, $"not valid JSON: {OneLine(e.Message)}"); }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Bad(origin, "the top level is not an object");
            var fields = Fields(root, origin, "the top level");
            if (Text(fields, "tool", origin) != "lnsgd") throw Bad(origin, "'tool' is not \"lnsgd\"");
            var preset = Get(fields, "preset", origin) is { ValueKind: JsonValueKind.Null } ? null : Text(fields, "preset", origin);
            if (preset is not null && Presets.Find(preset) is null) throw Bad(origin, $"unknown preset '{Printable(preset)}'");
            var engine = Text(fields, "engine", origin);
            if (engine is not ("dense" or "gram")) throw Bad(origin, $"'engine' must be \"dense\" or \"gram\", got '{Printable(engine)}'");
            var config = Config(Object(fields, "config", origin), origin);
            var inputs = fields.TryGetValue("inputs", out var inputsElement) ? Inputs(inputsElement, origin) : [];
            var options = fields.TryGetValue("run_options", out var optionsElement) ? Options(optionsElement, origin) : null;
            var status = Text(fields, "status", origin);
            if (!RecordedRun.Statuses.Contains(status)) throw Bad(origin, $"'status' must be one of {string.Join(", ", RecordedRun.Statuses)}, got '{Printable(status)}'");
            var steps = Integer(fields, "steps_completed", origin, 0, config.Steps);
            var records = Integer(fields, "records", origin, 0, long.MaxValue);
            var divergence = Divergence(Get(fields, "divergence", origin), origin, config.Steps);
            if ((status == "diverged") != (divergence is not null)) throw Bad(origin, $"status '{status}' and 'divergence' disagree");
            var hash = Text(fields, "trajectory_sha256", origin);
            if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigitLower)) throw Bad(origin, "'trajectory_sha256' is not 64 lowercase hex digits");
            var files = Files(Get(fields, "files", origin), origin, dir);
            return new RecordedRun(preset, engine, config, inputs, options, status, steps, records, divergence, hash, files);
        }
    }

    private static RunConfig Config(JsonElement element, string origin)
    {
        var config = new RunConfig();
        foreach (var (key, value) in Fields(element, origin, "'config'"))
        {
            if (ConfigSchema.Find(key) is null) throw Bad(origin, $"unknown config key '{Printable(key)}'");
            var text = value.ValueKind switch
            {
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.String => value.GetString()!,
                _ => throw Bad(origin, $"config key '{key}' must be a number or a string"),
            };
            try { config = ConfigLoader.Apply(config, key, text); }
            catch (UsageError e) { throw Bad(origin, e.Message); }
        }
        if (ConfigSchema.CrossCheck(config) is { } cross) throw Bad(origin, cross);
        return config;
    }

    private static List<Manifest.InputFile> Inputs(JsonElement element, string origin)
    {
        var inputs = new List<Manifest.InputFile>();
        foreach (var (option, value) in Fields(element, origin, "'inputs'"))
        {
            if (option is not ("data" or "init" or "from")) throw Bad(origin, $"unknown input '{Printable(option)}' (known: data, init, from)");
            var fields = Fields(value, origin, $"input '{option}'");
            var path = Text(fields, "path", origin);
            if (path.Length == 0 || path.Any(char.IsControl)) throw Bad(origin, $"input '{option}' has an empty path or one with control characters");
            var sha = Text(fields, "sha256", origin);
            if (sha.Length != 64 || !sha.All(char.IsAsciiHexDigitLower)) throw Bad(origin, $"input '{option}': 'sha256' is not 64 lowercase hex digits");
            inputs.Add(new Manifest.InputFile("--" + option, path, sha));
        }
        return inputs;
    }

    private static RunOptions Options(JsonElement element, string origin)
    {
        var fields = Fields(element, origin, "'run_options'");
        return new RunOptions(Integer(fields, "checkpoint_every", origin, 0, long.MaxValue), Boolean(fields, "export_npz", origin), Boolean(fields, "plots", origin),
            fields.ContainsKey("predict") && Boolean(fields, "predict", origin));
    }

    private static RecordedDivergence? Divergence(JsonElement element, string origin, long steps)
    {
        if (element.ValueKind == JsonValueKind.Null) return null;
        var fields = Fields(element, origin, "'divergence'");
        return new RecordedDivergence(Integer(fields, "step", origin, 0, steps), Text(fields, "quantity", origin));
    }

    private static List<string> Files(JsonElement element, string origin, string dir)
    {
        if (element.ValueKind != JsonValueKind.Array) throw Bad(origin, "'files' is not an array");
        var files = new List<string>();
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) throw Bad(origin, "'files' holds something other than a string");
            var name = item.GetString()!;
            SafePath.Within(dir, name, $"manifest '{origin}': listed file");
            files.Add(name);
        }
        return files;
    }

    // Properties of an object, each name at most once (JSON allows repeats; a manifest never has them).
    private static Dictionary<string, JsonElement> Fields(JsonElement element, string origin, string what)
    {
        if (element.ValueKind != JsonValueKind.Object) throw Bad(origin, $"{what} is not an object");
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
            if (!fields.TryAdd(property.Name, property.Value)) throw Bad(origin, $"'{Printable(property.Name)}' appears twice in {what}");
        return fields;
    }

    private static JsonElement Get(Dictionary<string, JsonElement> fields, string name, string origin) =>
        fields.TryGetValue(name, out var value) ? value : throw Bad(origin, $"'{name}' is missing");

    private static JsonElement Object(Dictionary<string, JsonElement> fields, string name, string origin) =>
        Get(fields, name, origin) is { ValueKind: JsonValueKind.Object } value ? value : throw Bad(origin, $"'{name}' is not an object");

    private static string Text(Dictionary<string, JsonElement> fields, string name, string origin) =>
        Get(fields, name, origin) is { ValueKind: JsonValueKind.String } value ? value.GetString()! : throw Bad(origin, $"'{name}' is not a string");

    private static bool Boolean(Dictionary<string, JsonElement> fields, string name, string origin) => Get(fields, name, origin).ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Bad(origin, $"'{name}' is not true or false"),
    };

    private static long Integer(Dictionary<string, JsonElement> fields, string name, string origin, long min, long max)
    {
        var value = Get(fields, name, origin);
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var n)) throw Bad(origin, $"'{name}' is not an integer");
        if (n < min || n > max) throw Bad(origin, $"'{name}' is {n}, outside [{min}, {max}]");
        return n;
    }

    private static UsageError Bad(string origin, string what) => new($"manifest '{origin}': {what}");

    private static string OneLine(string s) => s.ReplaceLineEndings(" ").Trim();

    private static string Printable(string s) =>
        string.Concat(s.Take(80).Select(c => char.IsControl(c) ? '?' : c)) + (s.Length > 80 ? "..." : "");
}
