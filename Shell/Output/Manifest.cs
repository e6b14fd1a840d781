using System.Reflection;
using System.Text;
using System.Text.Json;
using Lnsgd.Core.Simulations;

namespace Lnsgd.Shell.Output;

/// <summary>
/// manifest.json: the fully resolved config, the tool version, the engine, how the run ended
/// and the hash of its trajectory. Written last, so its presence means the folder is complete.
/// No clock values: the same run writes the same bytes.
/// </summary>
public static class Manifest
{
    /// <summary>The tool's version, from the assembly.</summary>
    public static string ToolVersion =>
        typeof(Manifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>A file the run read instead of drawing from the seed: the option, the path given, its SHA-256.</summary>
    public sealed record InputFile(string Option, string Path, string Sha256);

    /// <summary>
    /// The manifest text of a finished or diverged run. An <c>inputs</c> object appears only when
    /// the run read <paramref name="inputs"/> (<c>--data</c>, <c>--init</c>): then the config's
    /// seed no longer determines the data or the initial weights.
    /// </summary>
    public static string Write(RunConfig config, string? preset, string engine, Trajectory trajectory, IEnumerable<string> files,
        IReadOnlyList<InputFile>? inputs = null, ManifestState? state = null)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("tool", "lnsgd");
            w.WriteString("version", ToolVersion);
            if (preset is null) w.WriteNull("preset"); else w.WriteString("preset", preset);
            w.WriteString("engine", engine);
            w.WriteStartObject("config");
            foreach (var (key, value) in ConfigSchema.Describe(config))
            {
                if (double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
                { w.WritePropertyName(key); w.WriteRawValue(value); }
                else w.WriteString(key, value);
            }
            w.WriteEndObject();
            if (inputs is { Count: > 0 })
            {
                w.WriteStartObject("inputs");
                foreach (var input in inputs)
                {
                    w.WriteStartObject(input.Option.TrimStart('-'));
                    w.WriteString("path", input.Path);
                    w.WriteString("sha256", input.Sha256);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            if (state?.Options is { } options)
            {
                w.WriteStartObject("run_options");
                w.WriteNumber("checkpoint_every", options.CheckpointEvery);
                w.WriteBoolean("export_npz", options.ExportNpz);
                w.WriteBoolean("plots", options.Plots);
                if (options.Predict) w.WriteBoolean("predict", true);   // absent: false (manifests before --predict)
                w.WriteEndObject();
            }
            var divergence = trajectory.Divergence;
            w.WriteString("status", state?.Status ?? (divergence is null ? "finished" : "diverged"));
            // A run that diverges at step 0 (its initial state) completed no step: 0, never -1.
            w.WriteNumber("steps_completed", state?.StepsCompleted ?? (divergence is null ? config.Steps : Math.Max(0, divergence.Step - 1)));
            w.WriteNumber("records", trajectory.Rows.Length);
            if (divergence is null) w.WriteNull("divergence");
            else
            {
                w.WriteStartObject("divergence");
                w.WriteNumber("step", divergence.Step);
                w.WriteString("quantity", divergence.Quantity);
                FiniteOrNull(w, "stable_eta_estimate", divergence.StableEta);
                w.WriteString("reason", divergence.Reason);
                w.WriteEndObject();
            }
            w.WriteString("trajectory_sha256", Trajectory.Hash(trajectory.Rows));
            w.WriteStartArray("files");
            foreach (var f in files) w.WriteStringValue(f);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n") + "\n";
    }

    // JSON has no infinity or NaN: a number that overflowed (e.g. 2/λ_max of a network at 1e200) is written as null.
    private static void FiniteOrNull(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, value); else w.WriteNull(name);
    }
}
