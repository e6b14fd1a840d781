using System.Globalization;
using System.Text.Json.Nodes;
using Lnsgd.Core.Interchange;
using Lnsgd.Core.Nonlinear;
using Lnsgd.Core.RealWorld;
using Lnsgd.Shell;
using Xunit;

namespace Lnsgd.Properties;

/// <summary>
/// <c>lnsgd real --export-npz</c> and <c>--data</c>/<c>--init</c>: the files have the documented
/// names, shapes and dtypes; a fold of the plain step over the exported tape gives the arm's final
/// parameters bit for bit; a run restarted from data.npz + init.npz writes the same bytes.
/// </summary>
public class RealExportTests
{
    // fig3 shortened (full batch, 16 rows); fig1 shortened (40 rows in batches of 16: 16, 16, 8, so the tape pads).
    private static readonly string[] TinyFig1 =
        ["--set", "n_train=0", "--set", "n_test=0", "--set", "width=8", "--set", "batch=16", "--epochs", "2", "--set", "probe=4"];

    private static (int Code, string Stderr) Run(params string[] args)
    {
        var stderr = new StringWriter();
        var code = Program.Dispatch(args, TextWriter.Null, stderr);
        return (code, stderr.ToString());
    }

    private static Dictionary<string, NpyArray> Load(string path) => new(Npz.Parse(File.ReadAllBytes(path)));

    private static void AssertArray(Dictionary<string, NpyArray> arrays, string name, string descr, params int[] shape)
    {
        Assert.True(arrays.ContainsKey(name), $"'{name}' is missing");
        Assert.Equal(descr, arrays[name].Descr);
        Assert.Equal(shape, arrays[name].Shape);
    }

    private static double[] F(NpyArray a) => [.. ((NpyArray.Float64)a).Data];
    private static long[] I(NpyArray a) => [.. ((NpyArray.Int64)a).Data];

    [Theory]
    [InlineData("fig3")]
    [InlineData("fig1")]
    public void Exported_files_have_the_documented_shapes_and_a_restart_from_data_and_init_writes_the_same_bytes(string preset)
    {
        var data = RealCliTests.TinyDataset();
        var settings = preset == "fig3" ? RealCliTests.TinyFig3 : TinyFig1;
        var first = Path.Combine(data, "first");
        var (code, stderr) = Run(["real", preset, "--data-dir", data, "--out", first, "--quiet", "--no-plots", "--export-npz", "--parallel", "1", .. settings]);
        Assert.True(code == 0, stderr);

        var (n, nTest, d, m, c) = preset == "fig3" ? (16, 8, 784, 8, 10) : (40, 20, 784, 8, 10);
        var dataNpz = Load(Path.Combine(first, "data.npz"));
        AssertArray(dataNpz, "X", "<f8", n, d);
        AssertArray(dataNpz, "Y", "<f8", n, c);
        AssertArray(dataNpz, "labels", "<i8", n);
        AssertArray(dataNpz, "X_test", "<f8", nTest, d);
        AssertArray(dataNpz, "Y_test", "<f8", nTest, c);
        AssertArray(dataNpz, "labels_test", "<i8", nTest);
        AssertArray(dataNpz, "rows", "<i8", n);
        AssertArray(dataNpz, "rows_test", "<i8", nTest);
        AssertArray(dataNpz, "standardise", "<f8", 2);
        AssertArray(dataNpz, "standardise_test", "<f8", 2);
        AssertArray(dataNpz, "totals", "<i8", 2);
        Assert.Equal([40L, 20], I(dataNpz["totals"]));
        // The training subset is standardised by its own pixel mean and std: mean 0 over its pixels.
        Assert.InRange(F(dataNpz["X"]).Average(), -1e-12, 1e-12);

        var init = Load(Path.Combine(first, "init.npz"));
        foreach (var (name, shape) in new[] { ("W", new[] { m, d }), ("b", [m]), ("A", [c, m]), ("c", [c]), ("s_W", [1]), ("s_b", [1]), ("s_A", [1]), ("s_c", [1]) })
            AssertArray(init, name, "<f8", shape);

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(first, "manifest.json")))!;
        var config = new RealConfig();
        foreach (var (key, value) in manifest["config"]!.AsObject()) config = RealSchema.Apply(config, key, ValueText(value!));
        var arms = manifest["arms"]!.AsArray();
        var steps = (int)ArmRun.TotalSteps(config, n);
        var width = preset == "fig3" ? n : 16;
        var labels = I(dataNpz["labels"]);
        foreach (var armNode in arms)
        {
            var label = armNode!["label"]!.GetValue<string>();
            var folder = manifest["export"]!["arm_folders"]![label]!.GetValue<string>();
            var tape = Load(Path.Combine(first, folder, "tape.npz"));
            AssertArray(tape, "index", "<i8", steps, width);
            AssertArray(tape, "labels", "<i8", steps, width);
            var index = I(tape["index"]);
            var classes = I(tape["labels"]);
            Assert.All(Enumerable.Range(0, index.Length), k => Assert.Equal(index[k] < 0, classes[k] < 0));
            Assert.All(classes, k => Assert.InRange(k, -1, c - 1));
            if (preset == "fig1")
            {
                AssertArray(tape, "permutation", "<i8", 2, n);
                var permutation = I(tape["permutation"]);
                for (var e = 0; e < 2; e++)
                    Assert.Equal(Enumerable.Range(0, n).Select(i => (long)i), permutation.Skip(e * n).Take(n).Order());
                // Epoch e's steps are consecutive slices of its permutation; the last one (8 rows) pads with -1.
                Assert.Equal(permutation.Take(16), index.Take(16));
                Assert.Equal([.. permutation.Skip(32).Take(8), .. Enumerable.Repeat(-1L, 8)], index.Skip(2 * 16).Take(16));
            }
            else Assert.All(Enumerable.Range(0, index.Length), k => Assert.Equal(k % n, index[k]));
            if (armNode["noise"]!.GetValue<double>() == 0)
                Assert.All(Enumerable.Range(0, index.Length).Where(k => index[k] >= 0), k => Assert.Equal(labels[index[k]], classes[k]));

            var final = Load(Path.Combine(first, folder, "final.npz"));
            foreach (var prefix in armNode["linearised"]!.GetValue<bool>() ? new[] { "", "delta_" } : [""])
            {
                AssertArray(final, prefix + "W", "<f8", m, d);
                AssertArray(final, prefix + "b", "<f8", m);
                AssertArray(final, prefix + "A", "<f8", c, m);
                AssertArray(final, prefix + "c", "<f8", c);
            }
            // The recorded losses are metrics.csv's columns, unrounded.
            var csv = File.ReadAllLines(Path.Combine(first, folder, "metrics.csv"));
            var header = csv[0].Split(',');
            var records = csv.Skip(1).Select(l => l.Split(',')).ToArray();
            AssertArray(final, "record_step", "<i8", records.Length);
            Assert.Equal(records.Select(r => long.Parse(r[0], CultureInfo.InvariantCulture)), I(final["record_step"]));
            foreach (var column in new[] { "train_loss", "test_loss", "batch_loss" })
                Assert.Equal(records.Select(r => r[Array.IndexOf(header, column)]), F(final[column]).Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        }

        // Restarted from the exported inputs (and a folder with no dataset, so nothing else can be read).
        var again = Path.Combine(data, "again");
        var nowhere = Path.Combine(data, "no-dataset");
        Directory.CreateDirectory(nowhere);
        (code, stderr) = Run(["real", preset, "--data-dir", nowhere, "--out", again, "--quiet", "--no-plots", "--export-npz", "--parallel", "1",
            "--data", Path.Combine(first, "data.npz"), "--init", Path.Combine(first, "init.npz"), .. settings]);
        Assert.True(code == 0, stderr);
        var files = Directory.GetFiles(first, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(first, f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(files, Directory.GetFiles(again, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(again, f)).Order(StringComparer.Ordinal));
        foreach (var file in files.Where(f => f != "manifest.json"))
            Assert.True(File.ReadAllBytes(Path.Combine(first, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(again, file))), $"{file} differs after the restart");
        // The manifests differ only in what was read: the dataset's files, or the two .npz inputs.
        var restarted = JsonNode.Parse(File.ReadAllText(Path.Combine(again, "manifest.json")))!.AsObject();
        Assert.Equal(["--data", "--init"], restarted["inputs"]!.AsArray().Select(i => i!["option"]!.GetValue<string>()));
        var original = manifest.AsObject();
        foreach (var o in new[] { original, restarted }) { o.Remove("data"); o.Remove("inputs"); }
        Assert.Equal(original.ToJsonString(), restarted.ToJsonString());
    }

    // The tape is the whole story: folding the plain step over its rows and classes, with no
    // Batching or TargetNoise call, lands on the arm's final parameters bit for bit.
    [Theory]
    [InlineData("fig3", "label noise")]
    [InlineData("fig3", "linearised, label noise")]
    [InlineData("fig1", "label noise τ = 0.2")]
    [InlineData("fig1", "SGD")]
    public void Folding_the_step_over_the_exported_tape_gives_the_final_parameters_bit_for_bit(string preset, string armLabel)
    {
        var data = RealCliTests.TinyDataset();
        var dir = Path.Combine(data, "out");
        var (code, stderr) = Run(["real", preset, "--data-dir", data, "--out", dir, "--quiet", "--no-plots", "--export-npz", "--parallel", "1",
            .. preset == "fig3" ? RealCliTests.TinyFig3 : TinyFig1]);
        Assert.True(code == 0, stderr);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")))!;
        var config = new RealConfig();
        foreach (var (key, value) in manifest["config"]!.AsObject()) config = RealSchema.Apply(config, key, ValueText(value!));
        var arm = RealExperimentOf(preset).Arms(config).Single(a => a.Label == armLabel);
        var folder = manifest["export"]!["arm_folders"]![armLabel]!.GetValue<string>();

        var (task, error) = RealArrays.Task(Load(Path.Combine(dir, "data.npz")), config.Dataset);
        Assert.Null(error);
        var spec = ArmRun.Spec(config, task!.Train.D, task.Train.Classes);
        var (net0, initError) = RealArrays.Initial(Load(Path.Combine(dir, "init.npz")), spec);
        Assert.Null(initError);
        var tape = Load(Path.Combine(dir, folder, "tape.npz"));
        var (index, classes) = (I(tape["index"]), I(tape["labels"]));
        var (steps, width) = (tape["index"].Shape[0], tape["index"].Shape[1]);
        var (d, c) = (task.Train.D, task.Train.Classes);
        var loss = Loss.Parse(config.Loss)!;
        NetOptimiser optimiser = arm.Rho > 0 ? NetOptimiser.Sam(config.Eta, arm.Rho) : NetOptimiser.Gd(config.Eta);
        Model model = arm.Linearised ? Model.LinearisationOf(net0!) : new Model.Network(net0!);
        for (var t = 0; t < steps; t++)
        {
            var slots = Enumerable.Range(0, width).Where(s => index[t * width + s] >= 0).ToArray();
            var x = new double[slots.Length * d];
            var y = new double[slots.Length * c];
            for (var k = 0; k < slots.Length; k++)
            {
                task.Train.X.AsSpan((int)index[t * width + slots[k]] * d, d).CopyTo(x.AsSpan(k * d, d));
                y[k * c + classes[t * width + slots[k]]] = 1.0;
            }
            model = NetStep.Step(model, x, slots.Length, y, loss, optimiser, threads: 1).Next;
        }
        var final = Load(Path.Combine(dir, folder, "final.npz"));
        var trained = model is Model.Linearised l ? l.Delta.ToArray() : ((Model.Network)model).Net.Theta.ToArray();
        var prefix = arm.Linearised ? "delta_" : "";
        Assert.Equal(trained, (double[])[.. F(final[prefix + "W"]), .. F(final[prefix + "b"]), .. F(final[prefix + "A"]), .. F(final[prefix + "c"])]);
    }

    private static RealExperiment RealExperimentOf(string preset) => ((RealPreset.Images)RealPresets.Find(preset)!).Experiment;

    // --init is what the arms start from, not a check beside the seed's draw: θ0 of seed 7 under seed 0's
    // noise gives seed 7's init.npz back and a different end; the fold over the tape from it lands there.
    [Fact]
    public void An_init_from_another_seed_is_the_start_of_every_arm()
    {
        var data = RealCliTests.TinyDataset();
        var (seed0, seed7, mixed) = (Path.Combine(data, "seed0"), Path.Combine(data, "seed7"), Path.Combine(data, "mixed"));
        Assert.Equal(0, Run(["real", "fig3", "--data-dir", data, "--out", seed0, "--quiet", "--no-plots", "--export-npz", .. RealCliTests.TinyFig3]).Code);
        Assert.Equal(0, Run(["real", "fig3", "--data-dir", data, "--out", seed7, "--quiet", "--no-plots", "--export-npz", "--seed", "7", .. RealCliTests.TinyFig3]).Code);
        var (code, stderr) = Run(["real", "fig3", "--data", Path.Combine(seed0, "data.npz"), "--init", Path.Combine(seed7, "init.npz"),
            "--out", mixed, "--quiet", "--no-plots", "--export-npz", .. RealCliTests.TinyFig3]);
        Assert.True(code == 0, stderr);
        Assert.Equal(File.ReadAllBytes(Path.Combine(seed7, "init.npz")), File.ReadAllBytes(Path.Combine(mixed, "init.npz")));
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(seed0, "init.npz")), File.ReadAllBytes(Path.Combine(mixed, "init.npz")));
        Assert.NotEqual(F(Load(Path.Combine(seed0, "clean", "final.npz"))["W"]), F(Load(Path.Combine(mixed, "clean", "final.npz"))["W"]));
        // Seed 0's draws: the noisy labels are seed 0's, whatever θ0 is.
        Assert.Equal(File.ReadAllBytes(Path.Combine(seed0, "label-noise", "tape.npz")), File.ReadAllBytes(Path.Combine(mixed, "label-noise", "tape.npz")));
    }

    [Fact]
    public void Bad_npz_inputs_are_one_line_and_exit_2()
    {
        var data = RealCliTests.TinyDataset();
        var first = Path.Combine(data, "first");
        Assert.Equal(0, Run(["real", "fig3", "--data-dir", data, "--out", first, "--quiet", "--no-plots", "--export-npz", .. RealCliTests.TinyFig3]).Code);
        var (dataNpz, initNpz) = (Path.Combine(first, "data.npz"), Path.Combine(first, "init.npz"));
        string[][] cases =
        [
            // θ0 of width 8 for a width-16 network.
            ["real", "fig3", "--data", dataNpz, "--init", initNpz, .. RealCliTests.TinyFig3, "--set", "width=16"],
            // Written under the standard parameterisation, read under NTK: the scale factors disagree.
            ["real", "fig3", "--data", dataNpz, "--init", initNpz, .. RealCliTests.TinyFig3, "--set", "param=ntk"],
            // init.npz is no data file.
            ["real", "fig3", "--data", initNpz, .. RealCliTests.TinyFig3],
            ["real", "fig3", "--data", Path.Combine(data, "absent.npz"), .. RealCliTests.TinyFig3],
            ["real", "fig2-tanh", "--export-npz"],
        ];
        foreach (var args in cases)
        {
            var (code, stderr) = Run([.. args, "--out", Path.Combine(data, "x-" + Guid.NewGuid().ToString("N")), "--quiet", "--no-plots"]);
            Assert.True(code == 2, $"{string.Join(' ', args)}: exit {code}, {stderr}");
            Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        }
    }

    // Real-data manifests store typed values: a string as it is, a number or a boolean as JSON spells it.
    private static string ValueText(JsonNode value) =>
        value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
}
