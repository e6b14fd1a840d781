using System.Text.Json;
using Lnsgd.Core.Measures;
using Lnsgd.Shell;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Output;
using Xunit;

namespace Lnsgd.Properties;

/// <summary>
/// metrics.jsonl is readable by another process after every record and ends equal to
/// metrics.csv; provenance.json says which build ran, where and when.
/// </summary>
public sealed class LiveRunTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "lnsgd-live-" + Guid.NewGuid().ToString("N"));

    public LiveRunTests() => Directory.CreateDirectory(_dir);

    /// <summary>Removes the temporary folder.</summary>
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // What a tail -f or a dashboard sees: the file opened by a separate reader that shares it.
    private static string[] Visible(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void Every_record_is_visible_to_a_reader_as_soon_as_it_is_made()
    {
        var earlier = new[] { MetricRow.Of(0, Enumerable.Range(1, 16).Select(v => (double)v).ToArray()) };
        var path = Path.Combine(_dir, LiveRun.MetricsFile);
        using (var live = LiveRun.Start(_dir, earlier))
        {
            Assert.Single(Visible(path));
            for (var k = 1; k <= 5; k++)
            {
                live.Record(MetricRow.Of(k * 10, Enumerable.Repeat(k == 3 ? double.NaN : 0.1 * k, 16).ToArray()));
                var lines = Visible(path);
                Assert.Equal(k + 1, lines.Length);
                using var last = JsonDocument.Parse(lines[^1]);
                Assert.Equal(k * 10, last.RootElement.GetProperty("step").GetInt64());
                Assert.Equal(MetricRow.Columns, last.RootElement.EnumerateObject().Select(p => p.Name));
                if (k == 3) Assert.Equal(JsonValueKind.Null, last.RootElement.GetProperty("mean_cos").ValueKind);   // JSON has no NaN
            }
            using var running = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, LiveRun.ProvenanceFile)));
            Assert.Equal("running", running.RootElement.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, running.RootElement.GetProperty("ended").ValueKind);
        }
        using var ended = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, LiveRun.ProvenanceFile)));
        Assert.NotEqual(JsonValueKind.Null, ended.RootElement.GetProperty("ended").ValueKind);
    }

    [Fact]
    public void A_run_leaves_metrics_jsonl_equal_to_metrics_csv_and_its_provenance()
    {
        var dir = Path.Combine(_dir, "run");
        var code = Program.Dispatch(["run", "fig2", "--set", "m=20", "--steps", "3e3", "--record-every", "250", "--no-plots", "--out", dir, "--quiet"], TextWriter.Null, TextWriter.Null);
        Assert.Equal(0, code);
        var csv = File.ReadAllLines(Path.Combine(dir, "metrics.csv"));
        var jsonl = File.ReadAllLines(Path.Combine(dir, LiveRun.MetricsFile));
        Assert.Equal(csv.Length - 1, jsonl.Length);
        for (var k = 0; k < jsonl.Length; k++)
        {
            using var row = JsonDocument.Parse(jsonl[k]);
            // The same round-trip text as the CSV's cells: the same doubles, bit for bit.
            Assert.Equal(csv[k + 1], string.Join(',', row.RootElement.EnumerateObject().Select(p => p.Value.GetRawText())));
        }
        using var provenance = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, LiveRun.ProvenanceFile)));
        var p = provenance.RootElement;
        Assert.Equal(VersionInfo.Version, p.GetProperty("version").GetString());
        Assert.Equal("finished", p.GetProperty("status").GetString());
        Assert.True(DateTimeOffset.Parse(p.GetProperty("started").GetString()!) <= DateTimeOffset.Parse(p.GetProperty("ended").GetString()!));
        Assert.Equal(Environment.ProcessorCount, p.GetProperty("processors").GetInt32());
        foreach (var key in new[] { "commit", "argv", "host", "threads", "runtime" }) Assert.True(p.TryGetProperty(key, out _), key);
        // Neither live file is part of the run's record.
        var manifest = File.ReadAllText(Path.Combine(dir, "manifest.json"));
        Assert.DoesNotContain(LiveRun.MetricsFile, manifest);
        Assert.DoesNotContain(LiveRun.ProvenanceFile, manifest);
    }
}
