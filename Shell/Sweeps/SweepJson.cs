using System.Text.Json;
using Lnsgd.Core.Sweeps;
using Lnsgd.Shell.Output;

namespace Lnsgd.Shell.Sweeps;

/// <summary><c>lnsgd sweep --json</c>: one object per invocation, for a dry run or for the runs done.</summary>
public static class SweepJson
{
    /// <summary><c>--dry-run --json</c>: the shard and its runs (id, folder, swept values typed).</summary>
    public static string DryRun(string spec, string outDir, Shard shard, string source, int total, IReadOnlyList<SweepRun> runs) => JsonText.Object(w =>
    {
        Head(w, spec, outDir, shard, source, total);
        w.WriteStartArray("runs");
        foreach (var run in runs) { w.WriteStartObject(); Run(w, run); w.WriteEndObject(); }
        w.WriteEndArray();
    });

    /// <summary>After the runs: counts, and each run with its outcome.</summary>
    public static string Done(string spec, string outDir, Shard shard, string source, int total, IReadOnlyList<RunResult> results, double seconds) => JsonText.Object(w =>
    {
        Head(w, spec, outDir, shard, source, total);
        w.WriteNumber("ran", results.Count(r => r is RunResult.Ran));
        w.WriteNumber("skipped", results.Count(r => r is RunResult.Skipped));
        w.WriteNumber("failed", results.Count(r => r is RunResult.Failed));
        w.WriteNumber("seconds", seconds);
        w.WriteStartArray("runs");
        foreach (var result in results)
        {
            w.WriteStartObject();
            Run(w, result.Run);
            switch (result)
            {
                case RunResult.Skipped: w.WriteString("outcome", "already complete"); break;
                case RunResult.Ran r: w.WriteString("outcome", r.Status); w.WriteBoolean("redone", r.Redone); w.WriteNumber("seconds", r.Elapsed.TotalSeconds); break;
                case RunResult.Failed f: w.WriteString("outcome", "failed"); w.WriteString("error", f.Error); break;
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    private static void Head(Utf8JsonWriter w, string spec, string outDir, Shard shard, string source, int total)
    {
        w.WriteString("spec", spec);
        w.WriteString("out", outDir);
        w.WriteNumber("shard_index", shard.Index);
        w.WriteNumber("shard_count", shard.Count);
        w.WriteString("shard_source", source);
        w.WriteNumber("sweep_runs", total);
    }

    private static void Run(Utf8JsonWriter w, SweepRun run)
    {
        w.WriteString("id", run.Id);
        w.WriteStartObject("point");
        foreach (var (key, value) in run.Point) JsonText.Typed(w, key, value);
        w.WriteEndObject();
    }
}
