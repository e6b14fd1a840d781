using System.Globalization;
using System.Text.Json;
using Lnsgd.Core.Measures;
using Lnsgd.Shell.Cli;

namespace Lnsgd.Shell.Output;

/// <summary>
/// What a run folder shows while the run runs, beside the files written at the end:
/// <c>metrics.jsonl</c>, one JSON object per record with metrics.csv's columns, appended and
/// flushed at every record (so <c>tail -f</c>, TensorBoard or MLflow bridges can follow it;
/// see examples/live/), and <c>provenance.json</c>: who ran it, with what build, where and
/// when. Neither is in the manifest's file list nor in the trajectory hash: provenance holds
/// clock values and host names, which would break "same seed, same bytes".
/// </summary>
public sealed class LiveRun : IDisposable
{
    /// <summary>The live metrics log.</summary>
    public const string MetricsFile = "metrics.jsonl";

    /// <summary>The provenance record.</summary>
    public const string ProvenanceFile = "provenance.json";

    private readonly string _dir;
    private readonly StreamWriter _metrics;
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;
    private readonly IReadOnlyList<JsonElement> _earlier;

    private LiveRun(string dir, StreamWriter metrics, IReadOnlyList<JsonElement> earlier) => (_dir, _metrics, _earlier) = (dir, metrics, earlier);

    /// <summary>
    /// Starts the live files of the run in <paramref name="dir"/>: metrics.jsonl begins with the
    /// <paramref name="earlier"/> rows (those of the checkpoint a resumed run continues from), so
    /// at the end it holds exactly metrics.csv's rows; provenance.json says "running".
    /// </summary>
    public static LiveRun Start(string dir, IEnumerable<MetricRow> earlier)
    {
        var sessions = EarlierSessions(dir);
        var writer = new StreamWriter(Path.Combine(dir, MetricsFile), append: false) { NewLine = "\n" };
        foreach (var row in earlier) writer.Write(Line(row));
        writer.Flush();
        var live = new LiveRun(dir, writer, sessions);
        live.WriteProvenance(ended: null);
        return live;
    }

    /// <summary>Appends one record and flushes it to the file.</summary>
    public void Record(MetricRow row) => Guarded(() => { _metrics.Write(Line(row)); _metrics.Flush(); });

    /// <summary>Closes metrics.jsonl and writes the end time and the manifest's status into provenance.json.</summary>
    public void Dispose()
    {
        Guarded(_metrics.Dispose);
        WriteProvenance(DateTimeOffset.UtcNow);
    }

    // .NET reports EFBIG (past ulimit -f, SIGXFSZ ignored) as an argument error: a write failure (exit 4), as in AtomicFile.
    private void Guarded(Action write)
    {
        try { write(); }
        catch (ArgumentOutOfRangeException e)
        {
            throw new IOException($"cannot write '{Path.Combine(_dir, MetricsFile)}': the file exceeds the file-size limit (ulimit -f): {e.Message}", 27);
        }
    }

    /// <summary>One metrics.jsonl line: <c>{"step": 0, "train_loss": …, …}</c>; a non-finite value is null.</summary>
    public static string Line(MetricRow row) => JsonText.Object(w =>
    {
        w.WriteNumber("step", row.Step);
        var values = row.Values();
        for (var k = 0; k < values.Length; k++) JsonText.Number(w, MetricRow.Columns[k + 1], values[k]);
    }, indented: false);

    private void WriteProvenance(DateTimeOffset? ended) =>
        AtomicFile.WriteText(Path.Combine(_dir, ProvenanceFile), JsonText.Object(w =>
        {
            Session(w, ended);
            if (_earlier.Count > 0)
            {
                // A resumed run: the sessions before this one, oldest first.
                w.WriteStartArray("earlier_sessions");
                foreach (var s in _earlier) s.WriteTo(w);
                w.WriteEndArray();
            }
        }));

    private void Session(Utf8JsonWriter w, DateTimeOffset? ended)
    {
        w.WriteString("tool", "lnsgd");
        w.WriteString("version", VersionInfo.Version);
        if (VersionInfo.Commit is { } commit) w.WriteString("commit", commit); else w.WriteNull("commit");
        w.WriteStartArray("argv");
        foreach (var a in Environment.GetCommandLineArgs().Skip(1)) w.WriteStringValue(a);
        w.WriteEndArray();
        w.WriteString("working_directory", Environment.CurrentDirectory);
        w.WriteString("started", Stamp(_started));
        if (ended is { } e) w.WriteString("ended", Stamp(e)); else w.WriteNull("ended");
        w.WriteString("status", ended is null ? "running" : ManifestStatus() ?? "unknown");
        w.WriteString("host", Environment.MachineName);
        w.WriteNumber("processors", Environment.ProcessorCount);
        // A run steps on one thread; the figures and the parallel commands may use more.
        w.WriteNumber("threads", 1);
        w.WriteString("runtime", System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
        w.WriteString("os", System.Runtime.InteropServices.RuntimeInformation.OSDescription);
        w.WriteNumber("pid", Environment.ProcessId);
    }

    private string? ManifestStatus()
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "manifest.json")));
            return doc.RootElement.TryGetProperty("status", out var s) ? s.GetString() : null;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException or InvalidOperationException) { return null; }
    }

    // The sessions recorded by an earlier provenance.json (a resumed run), oldest first.
    private static IReadOnlyList<JsonElement> EarlierSessions(string dir)
    {
        var path = Path.Combine(dir, ProvenanceFile);
        if (!File.Exists(path)) return [];
        try
        {
            var root = JsonDocument.Parse(RegularFile.ReadBytes(path, RegularFile.ManifestCap, "provenance")).RootElement;
            var earlier = root.TryGetProperty("earlier_sessions", out var e) && e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().ToList() : [];
            var latest = JsonDocument.Parse(JsonText.Object(w => { foreach (var p in root.EnumerateObject().Where(p => p.Name != "earlier_sessions")) p.WriteTo(w); })).RootElement;
            return [.. earlier, latest];
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException or Cli.UsageError) { return []; }
    }

    private static string Stamp(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
