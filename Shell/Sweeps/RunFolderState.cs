using Lnsgd.Core.Measures;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Sweeps;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Runs;
using Lnsgd.Shell.Output;

namespace Lnsgd.Shell.Sweeps;

/// <summary>
/// What a run folder holds. Complete means: a manifest (written last) that reads back, says the
/// run finished or diverged, lists files that all exist, has the config the run id names, and
/// whose <c>trajectory_sha256</c> equals the hash of the rows in <c>metrics.csv</c>. Anything
/// else — a kill before the manifest, a torn copy, a recorded failure — is redone by a sweep.
/// </summary>
public abstract record RunFolderState
{
    private RunFolderState() { }

    /// <summary>No folder.</summary>
    public sealed record Absent : RunFolderState;

    /// <summary>A finished run, read back.</summary>
    public sealed record Complete(CollectedRun Run) : RunFolderState;

    /// <summary>The run failed: <c>error.txt</c> holds why.</summary>
    public sealed record Failed(string Error) : RunFolderState;

    /// <summary>A folder that is not a complete run, and why.</summary>
    public sealed record Incomplete(string Reason) : RunFolderState;

    /// <summary>Where a failed run's error is written.</summary>
    public const string ErrorFile = "error.txt";

    /// <summary>
    /// The state of <paramref name="dir"/>; with <paramref name="expectedHash"/>, a manifest whose
    /// config hashes differently is incomplete (the folder belongs to another run).
    /// </summary>
    public static RunFolderState Of(string dir, string? expectedHash = null)
    {
        if (!Directory.Exists(dir)) return new Absent();
        var manifestPath = Path.Combine(dir, "manifest.json");
        if (!File.Exists(manifestPath))
        {
            var errorPath = Path.Combine(dir, ErrorFile);
            if (!File.Exists(errorPath)) return new Incomplete("no manifest.json");
            try { return new Failed(RegularFile.ReadText(errorPath, RegularFile.ManifestCap, "error file").Trim()); }
            catch (UsageError e) { return new Incomplete(e.Message); }
        }
        // The same reader as resume and replay: one definition of a readable manifest.
        RecordedRun manifest;
        try { manifest = ManifestReader.Parse(RegularFile.ReadBytes(manifestPath, RegularFile.ManifestCap, "manifest"), manifestPath, dir); }
        catch (UsageError e) { return new Incomplete(RealFolder(manifestPath) ?? e.Message); }
        if (manifest.Status is not ("finished" or "diverged")) return new Incomplete($"status '{manifest.Status}'");
        if (expectedHash is not null && RunIdentity.Hash(manifest.Config) != expectedHash)
            return new Incomplete("manifest.json holds a different config than the run id names");
        if (manifest.Files.FirstOrDefault(f => !File.Exists(Path.Combine(dir, f))) is { } missing)
            return new Incomplete($"{missing} is missing");
        IReadOnlyList<MetricRow> rows;
        var metricsPath = Path.Combine(dir, "metrics.csv");
        try { rows = RecordedTables.Metrics(RegularFile.ReadBytes(metricsPath, RegularFile.DataCap, "table"), metricsPath); }
        catch (UsageError e) { return new Incomplete(e.Message); }
        if (rows.Count != manifest.Records || Trajectory.Hash(rows) != manifest.TrajectorySha256)
            return new Incomplete("metrics.csv does not match trajectory_sha256");
        return new Complete(new CollectedRun(manifest.Config, manifest.Status, manifest.StepsCompleted, manifest.TrajectorySha256, rows));
    }

    // A `lnsgd real` folder has a manifest too, of another kind: say so rather than "unknown preset".
    private static string? RealFolder(string manifestPath)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(RegularFile.ReadBytes(manifestPath, RegularFile.ManifestCap, "manifest"));
            return doc.RootElement.TryGetProperty("preset", out var p) && p.ValueKind == System.Text.Json.JsonValueKind.String
                && Core.RealWorld.RealPresets.Find(p.GetString()!) is { } real
                ? $"a `lnsgd real {real.Name}` folder, not a run folder" : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or IOException or UsageError) { return null; }
    }
}
