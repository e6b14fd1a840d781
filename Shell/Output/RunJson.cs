using System.Text.Json;

namespace Lnsgd.Shell.Output;

/// <summary><c>lnsgd run --json</c>: one object with the exit code, the folder and its manifest (as written).</summary>
public static class RunJson
{
    /// <summary>The object for the run in <paramref name="dir"/> that ended with <paramref name="exitCode"/>.</summary>
    public static string Of(string dir, int exitCode) => JsonText.Object(w =>
    {
        w.WriteNumber("exit_code", exitCode);
        w.WriteString("dir", dir);
        var manifest = Path.Combine(dir, "manifest.json");
        w.WritePropertyName("manifest");
        if (File.Exists(manifest))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(manifest));
            doc.RootElement.WriteTo(w);
        }
        else w.WriteNullValue();
        w.WriteString("metrics_jsonl", Path.Combine(dir, LiveRun.MetricsFile));
        w.WriteString("provenance", Path.Combine(dir, LiveRun.ProvenanceFile));
    });
}
