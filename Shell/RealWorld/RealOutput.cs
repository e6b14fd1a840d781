using System.Globalization;
using System.Text;
using System.Text.Json;
using Lnsgd.Core.RealWorld;
using Lnsgd.Core.Simulations;
using Lnsgd.Shell.Output;
using Lnsgd.Shell.Plots;

namespace Lnsgd.Shell.RealWorld;

/// <summary>
/// The folder of a real-data or teacher preset: one subfolder per arm with its metrics.csv, the
/// comparison files, the figures, summary.md and manifest.json (written last; no clock values, so
/// the same run writes the same bytes).
/// </summary>
public static class RealOutput
{
    /// <summary>A folder name for an arm label: lower case, runs of other characters as one '-'.</summary>
    public static string Slug(string label)
    {
        var sb = new StringBuilder();
        foreach (var ch in label.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(ch) || ch == '.') sb.Append(ch);
            else if (ch == 'τ') sb.Append("tau");
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        return sb.ToString().Trim('-');
    }

    /// <summary>
    /// Writes an image preset's folder; returns the figure PNG names. <paramref name="extra"/> files
    /// (e.g. <c>--export-npz</c>, names relative to the folder) are written after the CSV files and
    /// listed in the manifest; <paramref name="manifestExtra"/> adds keys to the manifest after "arms".
    /// </summary>
    public static IReadOnlyList<string> WriteImages(string dir, ImageResult r, bool plots,
        IReadOnlyList<(string Name, Action<Stream> Write)>? extra = null, Action<Utf8JsonWriter>? manifestExtra = null)
    {
        Directory.CreateDirectory(dir);
        var files = new List<string>();
        foreach (var arm in r.Arms)
        {
            var sub = Slug(arm.Arm.Label);
            Directory.CreateDirectory(Path.Combine(dir, sub));
            AtomicFile.WriteText(Path.Combine(dir, sub, "metrics.csv"), MetricsCsv(arm));
            files.Add($"{sub}/metrics.csv");
        }
        if (r.Preset.Experiment.Baseline is not null)
        {
            AtomicFile.WriteText(Path.Combine(dir, "distances.csv"), DistancesCsv(r));
            files.Add("distances.csv");
        }
        if (r.Arms.Any(a => a.Pruning.Length > 0))
        {
            AtomicFile.WriteText(Path.Combine(dir, "pruning.csv"), PruningCsv(r));
            files.Add("pruning.csv");
        }
        foreach (var (name, write) in extra ?? [])
        {
            AtomicFile.Write(Path.Combine(dir, name), write);
            files.Add(name);
        }
        var figures = plots ? RealFigures.WriteImages(dir, r.Preset.Name, r) : [];
        files.AddRange(figures.SelectMany(f => new[] { f, Path.ChangeExtension(f, ".svg") }));
        AtomicFile.WriteText(Path.Combine(dir, "summary.md"), RealReport.Images(r, figures, level: 1));
        files.Add("summary.md");
        AtomicFile.WriteText(Path.Combine(dir, "manifest.json"), Manifest(r.Preset.Name, w =>
        {
            w.WriteString("experiment", r.Preset.Experiment.GetType().Name.ToLowerInvariant());
            w.WriteStartObject("config");
            foreach (var (key, value) in RealSchema.Describe(r.Config)) JsonText.Typed(w, key, value);
            w.WriteEndObject();
            w.WriteStartArray("data");
            foreach (var (path, sha) in r.Files) { w.WriteStartObject(); w.WriteString("path", path); w.WriteString("sha256", sha); w.WriteEndObject(); }
            w.WriteEndArray();
            w.WriteNumber("n_train", r.Task.Train.Rows);
            w.WriteNumber("n_test", r.Task.Test.Rows);
            w.WriteStartArray("arms");
            foreach (var a in r.Arms)
            {
                w.WriteStartObject();
                w.WriteString("label", a.Arm.Label);
                w.WriteBoolean("linearised", a.Arm.Linearised);
                w.WriteNumber("noise", a.Arm.Noise);
                w.WriteNumber("rho", a.Arm.Rho);
                w.WriteString("status", a.DivergedAt is null ? "finished" : "diverged");
                w.WriteNumber("steps_completed", a.DivergedAt is { } d ? d - 1 : a.Rows[^1].Step);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            manifestExtra?.Invoke(w);
        }, files));
        return figures;
    }

    /// <summary>Writes a teacher preset's folder (each run as a synthetic run folder's data files); returns the figure PNG names.</summary>
    public static IReadOnlyList<string> WriteTeacher(string dir, TeacherResult r, bool plots)
    {
        Directory.CreateDirectory(dir);
        var files = new List<string>();
        foreach (var (sub, run) in new[] { ("label-noise", r.Noisy), ("clean", r.Clean) })
        {
            Directory.CreateDirectory(Path.Combine(dir, sub));
            AtomicFile.WriteText(Path.Combine(dir, sub, "metrics.csv"), CsvFormat.Metrics(run.Trajectory.Rows));
            AtomicFile.WriteText(Path.Combine(dir, sub, "trace.csv"), CsvFormat.Trace(r.Config.TraceNeuron, run.Trajectory.Trace));
            AtomicFile.WriteText(Path.Combine(dir, sub, "snapshots.csv"), CsvFormat.Snapshots(run.Trajectory.Snapshots));
            files.AddRange([$"{sub}/metrics.csv", $"{sub}/trace.csv", $"{sub}/snapshots.csv"]);
        }
        var figures = plots ? RealFigures.WriteTeacher(dir, r.Preset.Name, r) : [];
        files.AddRange(figures.SelectMany(f => new[] { f, Path.ChangeExtension(f, ".svg") }));
        AtomicFile.WriteText(Path.Combine(dir, "summary.md"), RealReport.Teacher(r, figures, level: 1));
        files.Add("summary.md");
        AtomicFile.WriteText(Path.Combine(dir, "manifest.json"), Manifest(r.Preset.Name, w =>
        {
            w.WriteString("experiment", "teacher");
            w.WriteString("activation", r.Preset.Activation);
            w.WriteStartObject("config");
            foreach (var (key, value) in ConfigSchema.Describe(r.Config)) JsonText.Typed(w, key, value);
            w.WriteEndObject();
            w.WriteStartArray("runs");
            foreach (var (sub, run) in new[] { ("label-noise", r.Noisy), ("clean", r.Clean) })
            {
                w.WriteStartObject();
                w.WriteString("folder", sub);
                w.WriteString("status", run.Trajectory.Divergence is null ? "finished" : "diverged");
                w.WriteString("trajectory_sha256", Trajectory.Hash(run.Trajectory.Rows));
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }, files));
        return figures;
    }

    /// <summary>metrics.csv of an arm: the <see cref="RealRow.Columns"/> header, one row per record.</summary>
    public static string MetricsCsv(RealTrajectory arm)
    {
        var sb = new StringBuilder().AppendJoin(',', RealRow.Columns).Append('\n');
        foreach (var row in arm.Rows)
            sb.Append(row.Step.ToString(CultureInfo.InvariantCulture)).Append(',').AppendJoin(',', row.Values().Select(CsvFormat.Number)).Append('\n');
        return sb.ToString();
    }

    private static string DistancesCsv(ImageResult r)
    {
        var sb = new StringBuilder("step,run,reference,relative_distance\n");
        var byLabel = r.Arms.ToDictionary(a => a.Arm.Label);
        var baseline = r.Preset.Experiment.Baseline;
        foreach (var a in r.Arms.Where(a => !a.Arm.Linearised))
            foreach (var reference in new[] { a.Arm.Twin, baseline }.Distinct())
                if (reference is not null && byLabel.TryGetValue(reference, out var other))
                    foreach (var (step, distance) in RealSummary.DistanceSeries(a, other))
                        sb.Append(CultureInfo.InvariantCulture, $"{step},{a.Arm.Label},{reference},{CsvFormat.Number(distance)}\n");
        return sb.ToString();
    }

    private static string PruningCsv(ImageResult r)
    {
        var sb = new StringBuilder("run,kept_percent,kept_weights,test_acc\n");
        foreach (var a in r.Arms)
            foreach (var p in a.Pruning)
                sb.Append(CultureInfo.InvariantCulture, $"{a.Arm.Label},{CsvFormat.Number(p.KeptPercent)},{p.Kept},{CsvFormat.Number(p.TestAccuracy)}\n");
        return sb.ToString();
    }

    private static string Manifest(string preset, Action<Utf8JsonWriter> body, IEnumerable<string> files)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("tool", "lnsgd");
            w.WriteString("version", Output.Manifest.ToolVersion);
            w.WriteString("preset", preset);
            body(w);
            w.WriteStartArray("files");
            foreach (var f in files) w.WriteStringValue(f);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n") + "\n";
    }
}
