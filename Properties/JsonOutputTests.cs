using System.Text.Json;
using Lnsgd.Core.Simulations;
using Lnsgd.Shell;
using Lnsgd.Shell.Commands;
using Lnsgd.Shell.Output;
using Xunit;

namespace Lnsgd.Properties;

/// <summary>
/// Every <c>--json</c> output is exactly one JSON object on stdout (nothing else there), with
/// typed values; default folders tell differently configured runs apart.
/// </summary>
public sealed class JsonOutputTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "lnsgd-json-" + Guid.NewGuid().ToString("N"));

    public JsonOutputTests() => Directory.CreateDirectory(_dir);

    /// <summary>Removes the temporary folder.</summary>
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Parses stdout as one JSON object and nothing more (JsonDocument refuses trailing content).
    private static JsonElement One(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = Program.Dispatch(args, stdout, stderr);
        Assert.True(code == 0, $"exit {code}: {stderr}");
        using var doc = JsonDocument.Parse(stdout.ToString());
        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
        return doc.RootElement.Clone();
    }

    [Fact]
    public void Presets_and_schema_are_one_object_with_typed_values()
    {
        var presets = One("presets", "--json");
        Assert.Equal(Presets.All.Select(p => p.Name), presets.GetProperty("presets").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        var fig2 = presets.GetProperty("presets")[0].GetProperty("config");
        Assert.Equal(JsonValueKind.Number, fig2.GetProperty("eta").ValueKind);
        Assert.Equal(JsonValueKind.String, fig2.GetProperty("optimizer").ValueKind);

        var schema = One("schema", "--json");
        var run = schema.GetProperty("run").EnumerateArray().ToList();
        Assert.Equal(ConfigSchema.Keys.Select(k => k.Name), run.Select(k => k.GetProperty("name").GetString()));
        Assert.Equal("integer", run.Single(k => k.GetProperty("name").GetString() == "steps").GetProperty("type").GetString());
        Assert.Equal("number", run.Single(k => k.GetProperty("name").GetString() == "eta").GetProperty("type").GetString());
        var optimizer = run.Single(k => k.GetProperty("name").GetString() == "optimizer");
        Assert.Equal("enum", optimizer.GetProperty("type").GetString());
        Assert.Contains("sam", optimizer.GetProperty("choices").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("boolean", schema.GetProperty("real").EnumerateArray().Single(k => k.GetProperty("name").GetString() == "bias").GetProperty("type").GetString());
        // Every key's default parses with its own key: the schema describes what the parser takes.
        foreach (var key in run)
            ConfigLoader(key.GetProperty("name").GetString()!, key.GetProperty("default").ToString());
    }

    private static void ConfigLoader(string key, string value) => Lnsgd.Shell.Config.ConfigLoader.Apply(new RunConfig(), key, value);

    [Fact]
    public void Run_sweep_and_collect_each_print_one_object()
    {
        var runDir = Path.Combine(_dir, "run");
        var run = One("run", "fig2", "--set", "m=10", "--steps", "100", "--record-every", "50", "--no-plots", "--out", runDir, "--json");
        Assert.Equal(0, run.GetProperty("exit_code").GetInt32());
        Assert.Equal("finished", run.GetProperty("manifest").GetProperty("status").GetString());
        Assert.Contains("\"trajectory_sha256\": \"" + run.GetProperty("manifest").GetProperty("trajectory_sha256").GetString(), File.ReadAllText(Path.Combine(runDir, "manifest.json")));

        var spec = Path.Combine(_dir, "spec.toml");
        File.WriteAllText(spec, "m = 10\nsteps = 100\nrecord_every = 50\nsigma = [0, 2]\neta = [1e-3, 2e-3]\n");
        var sweepDir = Path.Combine(_dir, "sweep");
        var dry = One("sweep", spec, "--out", sweepDir, "--dry-run", "--json");
        Assert.Equal(4, dry.GetProperty("runs").GetArrayLength());
        Assert.Equal(JsonValueKind.Number, dry.GetProperty("runs")[0].GetProperty("point").GetProperty("sigma").ValueKind);
        var sweep = One("sweep", spec, "--out", sweepDir, "--parallel", "1", "--json");
        Assert.Equal(4, sweep.GetProperty("ran").GetInt32());
        Assert.All(sweep.GetProperty("runs").EnumerateArray(), r => Assert.Equal("finished", r.GetProperty("outcome").GetString()));

        // A copy of a run is named as a repeat of the folder it copies.
        var first = Directory.GetDirectories(sweepDir).Order(StringComparer.Ordinal).First();
        var copy = Path.Combine(sweepDir, "zz-copy");
        Directory.CreateDirectory(copy);
        foreach (var f in Directory.GetFiles(first)) File.Copy(f, Path.Combine(copy, Path.GetFileName(f)));
        // A `lnsgd real` folder beside them is named as such, not as an unknown preset.
        Directory.CreateDirectory(Path.Combine(sweepDir, "fig3-seed0"));
        File.WriteAllText(Path.Combine(sweepDir, "fig3-seed0", "manifest.json"), "{\"tool\": \"lnsgd\", \"version\": \"0.1.0\", \"preset\": \"fig3\", \"files\": []}\n");
        var collect = One("collect", sweepDir, "--json");
        var real = Assert.Single(collect.GetProperty("incomplete").EnumerateArray());
        Assert.Equal("a `lnsgd real fig3` folder, not a run folder", real.GetProperty("reason").GetString());
        Assert.Equal(4, collect.GetProperty("rows").GetInt32());
        var duplicate = Assert.Single(collect.GetProperty("duplicates").EnumerateArray());
        Assert.Equal(("zz-copy", Path.GetFileName(first)), (duplicate.GetProperty("folder").GetString(), duplicate.GetProperty("same_as").GetString()));
        Assert.Equal(2, collect.GetProperty("phase_diagrams").GetArrayLength());
    }

    [Fact]
    public void Default_folders_differ_exactly_when_the_configs_do()
    {
        var fig2 = Presets.Find("fig2")!.Config;
        Assert.Equal(Path.Combine("runs", "fig2-seed3"), RunCommand.DefaultFolder(fig2 with { Seed = 3 }, "fig2"));
        Assert.Equal(Path.Combine("runs", "run-seed0"), RunCommand.DefaultFolder(new RunConfig(), null));
        var a = RunCommand.DefaultFolder(fig2 with { M = 50 }, "fig2");
        var b = RunCommand.DefaultFolder(fig2 with { M = 60 }, "fig2");
        Assert.Matches(@"fig2-seed0-[0-9a-f]{8}$", a);
        Assert.NotEqual(a, b);
        Assert.Equal(a, RunCommand.DefaultFolder(fig2 with { M = 50 }, "fig2"));
        Assert.NotEqual(RealCommand.DefaultFolder("fig3", quick: true, 0, null), RealCommand.DefaultFolder("fig3", quick: false, 0, null));
        Assert.Equal(Path.Combine("runs", "fig3-quick-seed0"), RealCommand.DefaultFolder("fig3", quick: true, 0, null));
    }

    [Theory]
    [InlineData("0.001", "0.001")]
    [InlineData("1E-05", "1E-05")]
    [InlineData("true", "true")]
    [InlineData("NaN", "\"NaN\"")]
    [InlineData("1_000", "\"1_000\"")]
    [InlineData("0:1,5:0", "\"0:1,5:0\"")]
    [InlineData("007", "\"007\"")]
    public void Manifest_values_are_typed(string shown, string json) =>
        Assert.Equal($"{{\"k\":{json}}}\n", JsonText.Object(w => JsonText.Typed(w, "k", shown), indented: false));
}
