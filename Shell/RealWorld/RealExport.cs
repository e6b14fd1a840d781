using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json;
using Lnsgd.Core.Interchange;
using Lnsgd.Core.Nonlinear;
using Lnsgd.Core.RealWorld;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Output;

namespace Lnsgd.Shell.RealWorld;

/// <summary>
/// The <c>.npz</c> doors of <c>lnsgd real</c>: <c>--export-npz</c> writes <c>data.npz</c>,
/// <c>init.npz</c> and per arm <c>ARM/tape.npz</c> and <c>ARM/final.npz</c> (arrays from
/// <see cref="RealArrays"/> and <see cref="RealTape"/>); <c>--data</c> and <c>--init</c> read
/// the first two back, so a run restarted from them writes the same bytes. Failures are one-line
/// <see cref="UsageError"/>s naming the option and the file.
/// </summary>
public static class RealExport
{
    /// <summary>A file read for <c>--data</c> or <c>--init</c>: its arrays and SHA-256 (hex), for the manifest.</summary>
    public sealed record Input(string Option, string Path, string Sha256, ImmutableDictionary<string, NpyArray> Arrays);

    /// <summary>Reads the archive named by <paramref name="option"/>.</summary>
    public static Input Read(string option, string path)
    {
        byte[] bytes;
        // Regular files only, within the data cap: a FIFO or /dev/zero is refused, not read forever.
        bytes = Output.RegularFile.ReadBytes(path, Output.RegularFile.DataCap, $"{option} file");
        try { return new Input(option, path, Convert.ToHexStringLower(SHA256.HashData(bytes)), Npz.Parse(bytes)); }
        catch (NpyFormatException e) { throw new UsageError($"{option} file '{path}': {e.Message}"); }
    }

    /// <summary>
    /// The task (from <paramref name="dataPath"/>, else <paramref name="loadDataset"/>), the dataset
    /// files read, θ0 from <paramref name="initPath"/> (null: drawn from the seed) and the <c>.npz</c>
    /// inputs read, for the manifest.
    /// </summary>
    public static (RealTask Task, IReadOnlyList<(string Path, string Sha256)> Files, TwoLayerNet? Initial, IReadOnlyList<Input> Inputs) Inputs(
        RealConfig config, string? dataPath, string? initPath, Func<(RealTask, IReadOnlyList<(string Path, string Sha256)>)> loadDataset)
    {
        var inputs = new List<Input>();
        RealTask task;
        IReadOnlyList<(string Path, string Sha256)> files = [];
        if (dataPath is not null)
        {
            var data = Read("--data", dataPath);
            task = Task(data, config);
            inputs.Add(data);
        }
        else (task, files) = loadDataset();
        TwoLayerNet? initial = null;
        if (initPath is not null)
        {
            var init = Read("--init", initPath);
            initial = Initial(init, config, task);
            inputs.Add(init);
        }
        return (task, files, initial, inputs);
    }

    /// <summary>The task of a <c>--data</c> file (instead of the dataset's files).</summary>
    public static RealTask Task(Input input, RealConfig config)
    {
        var (task, error) = RealArrays.Task(input.Arrays, config.Dataset);
        return task ?? throw new UsageError($"{input.Option} file '{input.Path}': {error}");
    }

    /// <summary>θ0 of an <c>--init</c> file for the network <paramref name="config"/> builds on <paramref name="task"/>.</summary>
    public static TwoLayerNet Initial(Input input, RealConfig config, RealTask task)
    {
        var (net, error) = RealArrays.Initial(input.Arrays, ArmRun.Spec(config, task.Train.D, task.Train.Classes));
        return net ?? throw new UsageError($"{input.Option} file '{input.Path}': {error}");
    }

    /// <summary>Why the run cannot be exported, or null.</summary>
    public static string? Error(RealConfig config, RealTask task) => RealTape.Error(config, task.Train.Rows);

    /// <summary>θ0 of the run: the <c>--init</c> network, or the seed's draw.</summary>
    public static TwoLayerNet Origin(RealConfig config, RealTask task, TwoLayerNet? initial) =>
        initial ?? TwoLayerNet.Init(ArmRun.Spec(config, task.Train.D, task.Train.Classes), config.Seed);

    /// <summary>
    /// The export files, relative to the run folder, in the order they are written. A diverged arm
    /// has no <c>final.npz</c>; its tape still replays it to the divergence.
    /// </summary>
    public static IReadOnlyList<(string Name, Action<Stream> Write)> Files(ImageResult r, TwoLayerNet? initial)
    {
        var files = new List<(string, Action<Stream>)>
        {
            ("data.npz", s => Npz.Write(s, RealArrays.Data(r.Task))),
            ("init.npz", s => Npz.Write(s, RealArrays.Parameters(Origin(r.Config, r.Task, initial)))),
        };
        foreach (var arm in r.Arms)
        {
            var sub = RealOutput.Slug(arm.Arm.Label);
            files.Add(($"{sub}/tape.npz", s => Npz.Write(s, RealTape.Of(r.Config, arm.Arm, r.Task.Train.Labels, r.Task.Train.Classes))));
            if (arm.DivergedAt is null) files.Add(($"{sub}/final.npz", s => Npz.Write(s, RealArrays.Final(arm))));
        }
        return files;
    }

    /// <summary>
    /// The manifest's account of the export: the parameter names with their shapes and scale
    /// factors (the names of init.npz and final.npz), and each arm's folder.
    /// </summary>
    public static void WriteManifest(Utf8JsonWriter w, ImageResult r, TwoLayerNet? initial)
    {
        var spec = Origin(r.Config, r.Task, initial).Spec;
        w.WriteStartObject("export");
        w.WriteString("network", "f(x) = s_A * A phi(s_W * W x + s_b * b) + s_c * c");
        w.WriteStartObject("parameters");
        foreach (var (name, shape, scale) in new[]
        {
            ("W", new[] { spec.M, spec.D }, spec.ScaleW), ("b", [spec.M], spec.ScaleB), ("A", [spec.C, spec.M], spec.ScaleA), ("c", [spec.C], spec.ScaleC),
        })
        {
            w.WriteStartObject(name);
            w.WriteStartArray("shape");
            foreach (var s in shape) w.WriteNumberValue(s);
            w.WriteEndArray();
            w.WriteNumber("scale", scale);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteStartObject("arm_folders");
        foreach (var arm in r.Arms) w.WriteString(arm.Arm.Label, RealOutput.Slug(arm.Arm.Label));
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>The <c>--data</c>/<c>--init</c> files a run read, for the manifest (nothing when none).</summary>
    public static void WriteInputs(Utf8JsonWriter w, IReadOnlyList<Input> inputs)
    {
        if (inputs.Count == 0) return;
        w.WriteStartArray("inputs");
        foreach (var i in inputs)
        {
            w.WriteStartObject();
            w.WriteString("option", i.Option);
            w.WriteString("path", i.Path);
            w.WriteString("sha256", i.Sha256);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
