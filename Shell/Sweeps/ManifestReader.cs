using System.Text.Json;
using Lnsgd.Core.Simulation;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Config;

namespace Lnsgd.Shell.Sweeps;

/// <summary>What a finished run's <c>manifest.json</c> says, as far as resuming and collecting need it.</summary>
public sealed record ManifestInfo(RunConfig Config, string Status, long StepsCompleted, long Records, string TrajectorySha256, IReadOnlyList<string> Files);

/// <summary>Reads <c>manifest.json</c>; the config is rebuilt key by key through the schema.</summary>
public static class ManifestReader
{
    /// <summary>The manifest of <paramref name="json"/>, or the reason it cannot be used.</summary>
    public static (ManifestInfo? Manifest, string? Error) Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var config = new RunConfig();
            foreach (var p in root.GetProperty("config").EnumerateObject())
                // Numbers were written raw in round-trip form, so their raw text is the schema's text.
                config = ConfigLoader.Apply(config, p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());
            return (new ManifestInfo(
                config,
                root.GetProperty("status").GetString() ?? "",
                root.GetProperty("steps_completed").GetInt64(),
                root.GetProperty("records").GetInt64(),
                root.GetProperty("trajectory_sha256").GetString() ?? "",
                [.. root.GetProperty("files").EnumerateArray().Select(f => f.GetString() ?? "")]), null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or UsageError)
        {
            return (null, $"manifest.json is not readable: {e.Message.Split('\n')[0]}");
        }
    }
}
