using Lnsgd.Core.Simulation;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Plots;

namespace Lnsgd.Shell.Output;

/// <summary>The run folder of DESIGN.md "Outputs": every file written atomically, the manifest last.</summary>
public static class RunFolder
{
    /// <summary>The data files of a run folder, in the order they are written.</summary>
    public static IReadOnlyList<string> DataFiles { get; } = ["metrics.csv", "trace.csv", "snapshots.csv"];

    /// <summary>Refuses a non-empty existing folder unless <paramref name="force"/>; creates nothing yet.</summary>
    public static void Prepare(string dir, bool force)
    {
        if (File.Exists(dir)) throw new UsageError($"output path '{dir}' is a file, not a folder");
        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any() && !force)
            throw new UsageError($"output folder '{dir}' exists and is not empty (pass --force to overwrite, or choose --out)");
    }

    /// <summary>
    /// Writes the trajectory's files, then the <paramref name="extra"/> files (e.g. <c>--export-npz</c>),
    /// then the figures unless <paramref name="plots"/> is false, then the manifest, which lists
    /// them all and the <paramref name="inputs"/> the run read.
    /// </summary>
    public static void Write(string dir, RunConfig config, string? preset, string engine, Trajectory trajectory, bool plots = true,
        IReadOnlyList<(string Name, Action<Stream> Write)>? extra = null, IReadOnlyList<Manifest.InputFile>? inputs = null,
        ManifestState? state = null)
    {
        Directory.CreateDirectory(dir);
        AtomicFile.WriteText(Path.Combine(dir, "metrics.csv"), CsvFormat.Metrics(trajectory.Rows));
        AtomicFile.WriteText(Path.Combine(dir, "trace.csv"), CsvFormat.Trace(config.TraceNeuron, trajectory.Trace));
        AtomicFile.WriteText(Path.Combine(dir, "snapshots.csv"), CsvFormat.Snapshots(trajectory.Snapshots));
        foreach (var (name, write) in extra ?? []) AtomicFile.Write(Path.Combine(dir, name), write);
        var figures = plots ? RunFigures.Write(dir, trajectory, RunFigures.Caption(config, preset), config.TraceNeuron, config.M) : [];
        AtomicFile.WriteText(Path.Combine(dir, "manifest.json"),
            Manifest.Write(config, preset, engine, trajectory, [.. DataFiles, .. (extra ?? []).Select(f => f.Name), .. figures], inputs, state));
    }
}
